"""The maintenance plan's four forms and their readers (build → read is a round trip): an
activity, how an activity went, the period with the competitor strategy and the decision
makers' view, and the period's review. The card, the plan and the period travel in typed
private metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.delivery.maintenance_cases import PeriodPlan
from bot.delivery.maintenance_period import (
    GOAL_LIMIT,
    TEXT_LIMIT,
    ActivityForm,
    ActivityKind,
    NotesForm,
    Outcome,
    OutcomeForm,
    Period,
    ReviewForm,
)
from bot.i18n import Lang, t
from bot.store.maintenance_models import PlanActivity
from bot.views import ids
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import date_input, select_input, state_text, text_input, user_input
from bot.views.maintenance import period_text

View = dict[str, Any]
META_PLAN_ID = "plan_id"
META_ACTIVITY_ID = "activity_id"
META_START = "start"
META_END = "end"


@dataclass(frozen=True)
class PlanFormMetadata:
    customer_id: int = 0
    plan_id: int = 0
    activity_id: int = 0
    start: str = ""  # the period an activity is added to (ISO days)
    end: str = ""
    channel: str | None = None

    @property
    def period(self) -> Period:
        return Period(date.fromisoformat(self.start), date.fromisoformat(self.end))

    def to_metadata(self) -> dict[str, object]:
        return {
            ids.META_CUSTOMER_ID: self.customer_id,
            META_PLAN_ID: self.plan_id,
            META_ACTIVITY_ID: self.activity_id,
            META_START: self.start,
            META_END: self.end,
            ids.META_CHANNEL: self.channel,
        }


def read_plan_metadata(view: View) -> PlanFormMetadata:
    found = read_metadata(view)
    return PlanFormMetadata(
        customer_id=int(found.get(ids.META_CUSTOMER_ID) or 0),
        plan_id=int(found.get(META_PLAN_ID) or 0),
        activity_id=int(found.get(META_ACTIVITY_ID) or 0),
        start=str(found.get(META_START) or ""),
        end=str(found.get(META_END) or ""),
        channel=found.get(ids.META_CHANNEL) or None,
    )


def metadata_of(shown: PeriodPlan, channel: str | None) -> PlanFormMetadata:
    return PlanFormMetadata(
        customer_id=shown.customer.id or 0,
        plan_id=shown.plan.id or 0 if shown.plan else 0,
        start=shown.period.start.isoformat(),
        end=shown.period.end.isoformat(),
        channel=channel,
    )


def build_activity_modal(
    lang: Lang, shown: PeriodPlan, meta: PlanFormMetadata, *, owner: str
) -> View:
    kinds = [(t(f"maint.kind.{k.value}", lang), k.value) for k in ActivityKind]
    blocks = [
        select_input("kind", t("maint.label.kind", lang), kinds, initial=""),
        text_input("goal", t("maint.label.goal", lang), optional=False, max_length=GOAL_LIMIT),
        user_input("owner", t("maint.label.owner", lang), initial=owner),
        date_input(
            "day",
            t("maint.label.day", lang),
            hint=period_text(shown.period.start, shown.period.end, lang),
        ),
        text_input(
            "budget",
            t("maint.label.budget", lang),
            hint=t("maint.hint.amount", lang),
            max_length=50,
        ),
    ]
    return modal_view(
        ids.MAINT_ACTIVITY_VIEW, t("maint.modal_activity", lang), lang, blocks, meta.to_metadata()
    )


def read_activity_form(view: View) -> ActivityForm:
    return ActivityForm(**{n: state_text(view, n) for n in ActivityForm.__dataclass_fields__})


def build_outcome_modal(lang: Lang, activity: PlanActivity, meta: PlanFormMetadata) -> View:
    outcomes = [(t(f"maint.state.{o.value}", lang), o.value) for o in Outcome]
    blocks = [
        select_input("outcome", t("maint.label.outcome", lang), outcomes, initial=""),
        text_input(
            "spent", t("maint.label.spent", lang), hint=t("maint.hint.amount", lang), max_length=50
        ),
        text_input(
            "note", t("maint.label.outcome_note", lang), multiline=True, max_length=TEXT_LIMIT
        ),
    ]
    title = t("maint.modal_outcome", lang)
    return modal_view(ids.MAINT_OUTCOME_VIEW, title, lang, blocks, meta.to_metadata())


def read_outcome_form(view: View) -> OutcomeForm:
    return OutcomeForm(**{n: state_text(view, n) for n in OutcomeForm.__dataclass_fields__})


def build_notes_modal(lang: Lang, shown: PeriodPlan, meta: PlanFormMetadata) -> View:
    note = shown.note
    blocks = [
        date_input(
            "period_start",
            t("maint.label.period_start", lang),
            initial=shown.period.start.isoformat(),
        ),
        date_input(
            "period_end", t("maint.label.period_end", lang), initial=shown.period.end.isoformat()
        ),
        text_input(
            "competitors",
            t("maint.label.competitors", lang),
            initial=note.competitors if note else "",
            multiline=True,
            max_length=TEXT_LIMIT,
        ),
        text_input(
            "decision_makers",
            t("maint.label.decision_makers", lang),
            initial=note.decision_makers if note else "",
            multiline=True,
            max_length=TEXT_LIMIT,
        ),
    ]
    return modal_view(
        ids.MAINT_NOTES_VIEW, t("maint.modal_notes", lang), lang, blocks, meta.to_metadata()
    )


def read_notes_form(view: View) -> NotesForm:
    return NotesForm(**{n: state_text(view, n) for n in NotesForm.__dataclass_fields__})


def build_review_modal(lang: Lang, shown: PeriodPlan, meta: PlanFormMetadata) -> View:
    review = shown.review
    blocks = [
        text_input(
            name,
            t(f"maint.label.{name}", lang),
            initial=getattr(review, name) if review else "",
            multiline=True,
            max_length=TEXT_LIMIT,
        )
        for name in ("achievements", "problems", "risks")
    ]
    return modal_view(
        ids.MAINT_REVIEW_VIEW, t("maint.modal_review", lang), lang, blocks, meta.to_metadata()
    )


def read_review_form(view: View) -> ReviewForm:
    return ReviewForm(**{n: state_text(view, n) for n in ReviewForm.__dataclass_fields__})
