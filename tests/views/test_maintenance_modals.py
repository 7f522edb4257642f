"""The maintenance plan's forms are pairs: what a person fills in `build_X_modal` comes back
equal from `read_X_form`, and the card, plan, activity and period travel unchanged in the
private metadata; the notes and review forms open with what was written last."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.delivery.maintenance_cases import PeriodPlan
from bot.delivery.maintenance_period import (
    ActivityForm,
    NotesForm,
    OutcomeForm,
    Period,
    ReviewForm,
)
from bot.store.maintenance_models import MaintenancePlan, PlanActivity, PlanNote, PlanReview
from bot.store.models import Customer
from bot.views.maintenance_modals import (
    PlanFormMetadata,
    build_activity_modal,
    build_notes_modal,
    build_outcome_modal,
    build_review_modal,
    metadata_of,
    read_activity_form,
    read_notes_form,
    read_outcome_form,
    read_plan_metadata,
    read_review_form,
)
from tests.views.test_modal_pairs import slack_state

HP = Customer(
    id=7,
    team_id="T1",
    handle="HP",
    handle_key="hp",
    legal_name="惠普中国有限公司",
    manager_id="U_WANG",
    created_by="U_WANG",
)
Q4 = Period(date(2026, 10, 1), date(2026, 12, 31))
AT = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
PLAN = MaintenancePlan(
    id=3, team_id="T1", customer_id=7, period_start=Q4.start, period_end=Q4.end, created_by="U"
)
WRITTEN = PeriodPlan(
    HP,
    Q4,
    PLAN,
    note=PlanNote(
        plan_id=3, competitors="联想压价 <&>", decision_makers="张总认可", written_by="U"
    ),
    review=PlanReview(
        plan_id=3, achievements="签下二期", problems="", risks="调岗", written_by="U"
    ),
    may_edit=True,
)
EMPTY = PeriodPlan(HP, Q4, None, may_edit=True)
ACTIVITY = PlanActivity(
    id=11, plan_id=3, kind="visit", goal="拜访", owner_id="U_WANG", day=Q4.start, created_by="U"
)


@pytest.mark.parametrize(
    ("form", "build", "read"),
    [
        (
            ActivityForm(
                kind="executive",
                goal="与张总会面 <b>",
                owner="U_LI",
                day="2026-12-03",
                budget="1.2万",
            ),
            lambda m: build_activity_modal("zh", EMPTY, m, owner="U_WANG"),
            read_activity_form,
        ),
        (
            ActivityForm(kind="holiday", goal="元旦问候", owner="U_WANG", day="2026-12-30"),
            lambda m: build_activity_modal("en", WRITTEN, m, owner="U_WANG"),
            read_activity_form,
        ),
        (
            OutcomeForm(outcome="done", spent="USD 300", note="续约 & 加购"),
            lambda m: build_outcome_modal("zh", ACTIVITY, m),
            read_outcome_form,
        ),
        (
            OutcomeForm(outcome="cancelled"),
            lambda m: build_outcome_modal("en", ACTIVITY, m),
            read_outcome_form,
        ),
        (
            NotesForm("2026-10-01", "2027-01-31", "联想压价 <&>", "张总认可"),
            lambda m: build_notes_modal("zh", WRITTEN, m),
            read_notes_form,
        ),
        (
            ReviewForm("签下二期", "交付延期", "张总可能调岗"),
            lambda m: build_review_modal("zh", WRITTEN, m),
            read_review_form,
        ),
    ],
)
def test_what_is_filled_in_comes_back_as_typed(form: Any, build: Any, read: Any) -> None:
    meta = PlanFormMetadata(
        customer_id=7, plan_id=3, activity_id=11, start="2026-10-01", end="2026-12-31", channel="C1"
    )

    view = slack_state(build(meta), form)

    assert read(view) == form
    assert read_plan_metadata(view) == meta


def initial_values(view: dict[str, Any]) -> dict[str, str | None]:
    return {
        b["block_id"].removeprefix("field_"): b["element"].get("initial_value")
        or b["element"].get("initial_date")
        for b in view["blocks"]
    }


def test_the_notes_and_review_forms_open_with_what_was_written_last() -> None:
    meta = metadata_of(WRITTEN, None)

    notes = initial_values(build_notes_modal("zh", WRITTEN, meta))
    review = initial_values(build_review_modal("en", WRITTEN, meta))
    fresh = initial_values(build_notes_modal("zh", EMPTY, metadata_of(EMPTY, "C1")))

    assert meta == PlanFormMetadata(customer_id=7, plan_id=3, start="2026-10-01", end="2026-12-31")
    assert notes == {
        "period_start": "2026-10-01",
        "period_end": "2026-12-31",
        "competitors": "联想压价 <&>",
        "decision_makers": "张总认可",
    }
    assert review == {"achievements": "签下二期", "problems": None, "risks": "调岗"}
    assert fresh["competitors"] is None and fresh["period_end"] == "2026-12-31"
