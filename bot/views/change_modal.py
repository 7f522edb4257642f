"""The change request's three forms and their readers (build → read is a round trip): the
request itself, the project manager's evaluation, and the customer's answer as a colleague
records it. The card and the request travel in typed private metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.delivery.change_flow import Recommendation, Risk
from bot.delivery.change_forms import NOTE_LIMIT, AnswerForm, ChangeFormContext, EvaluationForm
from bot.delivery.change_requests import CONTENT_LIMIT, REASON_LIMIT, ChangeForm, ChangeFormOpen
from bot.i18n import Lang, t
from bot.store.models import Contact
from bot.views import ids
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import multi_select_input, select_input, state_text, text_input

View = dict[str, Any]
OPTIONS_LIMIT = 100  # Slack's limit on a select's options
META_CHANGE_ID = "change_id"
META_CONFIRMED = "confirmed"


@dataclass(frozen=True)
class ChangeFormMetadata:
    """The card (new request) or the request (evaluation, answer), and where it was opened."""

    customer_id: int = 0
    change_id: int = 0
    confirmed: bool = True
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {
            ids.META_CUSTOMER_ID: self.customer_id,
            META_CHANGE_ID: self.change_id,
            META_CONFIRMED: self.confirmed,
            ids.META_CHANNEL: self.channel,
        }


def read_change_metadata(view: View) -> ChangeFormMetadata:
    found = read_metadata(view)
    return ChangeFormMetadata(
        customer_id=int(found.get(ids.META_CUSTOMER_ID) or 0),
        change_id=int(found.get(META_CHANGE_ID) or 0),
        confirmed=bool(found.get(META_CONFIRMED, True)),
        channel=found.get(ids.META_CHANNEL) or None,
    )


def build_change_modal(lang: Lang, opened: ChangeFormOpen, meta: ChangeFormMetadata) -> View:
    form = opened.form
    contacts = _contact_options(opened.contacts, lang)
    milestones = [
        (m.title, str(m.id)) for m in opened.milestones[:OPTIONS_LIMIT] if m.id is not None
    ]
    blocks = [
        text_input(
            "summary",
            t("change.label.summary", lang),
            initial=form.summary,
            optional=False,
            max_length=200,
        ),
        text_input(
            "reason",
            t("change.label.reason", lang),
            initial=form.reason,
            multiline=True,
            max_length=REASON_LIMIT,
        ),
        text_input(
            "content",
            t("change.label.content", lang),
            initial=form.content,
            multiline=True,
            max_length=CONTENT_LIMIT,
        ),
    ]
    if contacts:
        asker = t("change.label.requested_by", lang)
        blocks.insert(
            1,
            select_input("requested_by", asker, contacts, initial=form.requested_by, optional=True),
        )
    if milestones:
        chosen = [m for m in form.milestones.split(",") if m]
        blocks.append(
            multi_select_input(
                "milestones", t("change.label.milestones", lang), milestones, initial=chosen
            )
        )
    title = t("change.modal_new", lang)
    return modal_view(ids.CHANGE_VIEW, title, lang, blocks, meta.to_metadata())


def read_change_form(view: View) -> ChangeForm:
    return ChangeForm(**{name: state_text(view, name) for name in ChangeForm.__dataclass_fields__})


def build_evaluation_modal(lang: Lang, opened: ChangeFormContext, meta: ChangeFormMetadata) -> View:
    form = opened.evaluation
    risks = [(t(f"change.risk.{r.value}", lang), r.value) for r in Risk]
    recommendations = [
        (t(f"change.recommendation.{r.value}", lang), r.value) for r in Recommendation
    ]
    blocks = [
        text_input(
            "schedule_days",
            t("change.label.schedule_days", lang),
            initial=form.schedule_days,
            hint=t("change.hint.schedule_days", lang),
            optional=False,
            max_length=12,
        ),
        text_input(
            "cost",
            t("change.label.cost", lang),
            initial=form.cost,
            hint=t("change.hint.cost", lang),
            max_length=50,
        ),
        text_input(
            "resources",
            t("change.label.resources", lang),
            initial=form.resources,
            multiline=True,
            max_length=1000,
        ),
        select_input("risk", t("change.label.risk", lang), risks, initial=form.risk),
        select_input(
            "recommendation",
            t("change.label.recommendation", lang),
            recommendations,
            initial=form.recommendation,
        ),
    ]
    title = t("change.modal_evaluate", lang, number=opened.change.number)
    return modal_view(ids.CHANGE_EVALUATION_VIEW, title, lang, blocks, meta.to_metadata())


def read_evaluation_form(view: View) -> EvaluationForm:
    return EvaluationForm(
        **{name: state_text(view, name) for name in EvaluationForm.__dataclass_fields__}
    )


def build_answer_modal(lang: Lang, opened: ChangeFormContext, meta: ChangeFormMetadata) -> View:
    contacts = _contact_options(opened.contacts, lang)
    blocks: list[dict[str, Any]] = []
    if contacts:
        blocks.append(
            select_input(
                "contact", t("change.label.answered_by", lang), contacts, initial="", optional=True
            )
        )
    blocks.append(
        text_input(
            "note",
            t("change.label.answer_note", lang),
            hint=t("change.hint.answer_note", lang),
            multiline=True,
            max_length=NOTE_LIMIT,
        )
    )
    key = "change.modal_confirmed" if meta.confirmed else "change.modal_declined"
    return modal_view(
        ids.CHANGE_ANSWER_VIEW,
        t(key, lang, number=opened.change.number),
        lang,
        blocks,
        meta.to_metadata(),
    )


def read_answer_form(view: View) -> AnswerForm:
    return AnswerForm(contact=state_text(view, "contact"), note=state_text(view, "note"))


def _contact_options(contacts: tuple[Contact, ...], lang: Lang) -> list[tuple[str, str]]:
    found = []
    for contact in contacts[:OPTIONS_LIMIT]:
        if contact.id is None:
            continue
        shown = f"{contact.name} · {contact.title}" if contact.title else contact.name
        found.append((shown, str(contact.id)))
    return found
