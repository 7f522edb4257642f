"""The survey's forms read back what they show (build → read is a round trip), the customer's
form asks nothing internal, and the card's satisfaction line reads as people say it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.delivery.acceptance import AcceptanceForm, AcceptanceFormOpen
from bot.delivery.feedback import CloseForm, FeedbackShown
from bot.delivery.surveys import SurveyForm, SurveyOpen
from bot.store.models import Contact, Customer
from bot.store.plan_tables import Milestone
from bot.store.survey_models import FeedbackItem, Survey
from bot.views import ids
from bot.views.survey_modal import (
    SurveyFormMetadata,
    build_acceptance_modal,
    build_close_modal,
    build_survey_modal,
    read_acceptance_form,
    read_close_form,
    read_survey_form,
    read_survey_metadata,
)
from bot.views.surveys import satisfaction_line

HP = Customer(id=7, team_id="T1", legal_name="惠普中国有限公司", handle="hp", manager_id="U_MGR")
ZHANG = Contact(id=3, team_id="T1", customer_id=7, name="张伟", title="CIO")
SURVEY = Survey(id=5, team_id="T1", customer_id=7, asked_of="U_PM")
META = SurveyFormMetadata(row_id=5, channel="C_EXT")


def typed(view: dict[str, Any], **answers: str) -> dict[str, Any]:
    """The view as Slack sends it back: each field's answer, a select's as its option."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        field = block["block_id"].removeprefix("field_")
        raw = answers.get(field, "")
        element = block["element"]
        if element["type"] == "static_select":
            chosen = {"value": raw} if raw else None
            values[block["block_id"]] = {element["action_id"]: {"selected_option": chosen}}
        else:
            values[block["block_id"]] = {element["action_id"]: {"value": raw}}
    return {**view, "state": {"values": values}}


def fields(view: dict[str, Any]) -> list[str]:
    return [b["block_id"] for b in view["blocks"] if b["type"] == "input"]


def test_the_pms_survey_form_reads_back_the_scores_comment_and_who_answered() -> None:
    view = build_survey_modal("zh", SurveyOpen(HP, SURVEY, (ZHANG,)), META)
    answers = dict(
        contact="3",
        quality="4",
        responsiveness="2",
        communication="3",
        overall="3",
        comment="响应慢",
    )

    assert read_survey_form(typed(view, **answers)) == SurveyForm(**answers)
    assert read_survey_metadata(view) == META
    assert view["callback_id"] == ids.SURVEY_VIEW


def test_the_customers_form_asks_only_the_questions() -> None:
    view = build_survey_modal("en", SurveyOpen(HP, SURVEY, (ZHANG,), for_customer=True), META)

    assert fields(view) == [
        "field_quality",
        "field_responsiveness",
        "field_communication",
        "field_overall",
        "field_comment",
    ]
    assert "张伟" not in str(view) and view["callback_id"] == ids.SURVEY_CUSTOMER_VIEW


def test_the_acceptance_and_closing_forms_read_back_what_was_typed() -> None:
    milestone = Milestone(
        id=2,
        team_id="T1",
        customer_id=7,
        title="上线验收",
        due_at=datetime(2027, 3, 1, tzinfo=UTC),
        created_by="U",
    )
    acceptance = build_acceptance_modal("zh", AcceptanceFormOpen(HP, milestone, (ZHANG,)), META)
    item = FeedbackItem(
        id=9,
        team_id="T1",
        customer_id=7,
        survey_id=5,
        questions="overall",
        score=2,
        owner_id="U_MGR",
        due_at=datetime(2027, 3, 8, tzinfo=UTC),
    )
    closing = build_close_modal("zh", FeedbackShown(HP, item, SURVEY, may_close=True), META)

    assert read_acceptance_form(typed(acceptance, contact="3", note="签字")) == AcceptanceForm(
        "3", "签字"
    )
    assert read_close_form(
        typed(closing, resolution="加派人手", reported_back="电话告知")
    ) == CloseForm("加派人手", "电话告知")
    assert fields(closing) == ["field_resolution", "field_reported_back"]


def test_the_card_shows_the_latest_satisfaction_then_the_earlier_ones() -> None:
    scores = [
        (4, datetime(2026, 12, 3, 2, tzinfo=UTC)),
        (3, datetime(2026, 6, 1, tzinfo=UTC)),
        (5, datetime(2025, 12, 1, tzinfo=UTC)),
    ]

    line = satisfaction_line(scores, "en", ZoneInfo("Asia/Shanghai"))
    alone = satisfaction_line(scores[:1], "en", ZoneInfo("Asia/Shanghai"))

    assert line.startswith("4 (") and line.endswith(" · before: 3, 5")
    assert "before" not in alone
