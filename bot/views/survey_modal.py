"""The forms of acceptance and satisfaction, with their readers (build → read is a round
trip): who accepted on the customer's side; the survey's four scores and comment (the PM's
form names the contact who answered; the customer's own form does not); and the closing of
a feedback item, which asks what was done and how it was reported back to the customer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.delivery.acceptance import NOTE_LIMIT, AcceptanceForm, AcceptanceFormOpen
from bot.delivery.feedback import TEXT_LIMIT, CloseForm, FeedbackShown
from bot.delivery.survey_rules import COMMENT_LIMIT, QUESTIONS
from bot.delivery.surveys import SurveyForm, SurveyOpen
from bot.i18n import Lang, t
from bot.store.models import Contact
from bot.views import ids
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import select_input, state_text, text_input

View = dict[str, Any]
OPTIONS_LIMIT = 100
META_ROW = "row_id"  # the milestone, survey or feedback item the form is about


@dataclass(frozen=True)
class SurveyFormMetadata:
    row_id: int = 0
    channel: str | None = None  # where it was opened (the shared channel, for the customer)

    def to_metadata(self) -> dict[str, object]:
        return {META_ROW: self.row_id, ids.META_CHANNEL: self.channel}


def read_survey_metadata(view: View) -> SurveyFormMetadata:
    found = read_metadata(view)
    return SurveyFormMetadata(
        row_id=int(found.get(META_ROW) or 0), channel=found.get(ids.META_CHANNEL) or None
    )


def build_acceptance_modal(
    lang: Lang, opened: AcceptanceFormOpen, meta: SurveyFormMetadata
) -> View:
    blocks: list[dict[str, Any]] = []
    contacts = _contact_options(opened.contacts)
    if contacts:
        label = t("acceptance.label.contact", lang)
        blocks.append(select_input("contact", label, contacts, initial="", optional=True))
    blocks.append(
        text_input(
            "note",
            t("acceptance.label.note", lang),
            multiline=True,
            max_length=NOTE_LIMIT,
        )
    )
    title = t("acceptance.modal", lang)
    return modal_view(ids.ACCEPTANCE_VIEW, title, lang, blocks, meta.to_metadata())


def read_acceptance_form(view: View) -> AcceptanceForm:
    return AcceptanceForm(contact=state_text(view, "contact"), note=state_text(view, "note"))


def build_survey_modal(lang: Lang, opened: SurveyOpen, meta: SurveyFormMetadata) -> View:
    blocks: list[dict[str, Any]] = []
    contacts = _contact_options(opened.contacts)
    if contacts and not opened.for_customer:
        label = t("survey.label.contact", lang)
        blocks.append(select_input("contact", label, contacts, initial="", optional=True))
    for question in QUESTIONS:
        blocks.append(
            text_input(
                question,
                t(f"survey.question.{question}", lang),
                hint=t("survey.hint.score", lang),
                optional=False,
                max_length=4,
            )
        )
    blocks.append(
        text_input(
            "comment", t("survey.label.comment", lang), multiline=True, max_length=COMMENT_LIMIT
        )
    )
    callback = ids.SURVEY_CUSTOMER_VIEW if opened.for_customer else ids.SURVEY_VIEW
    return modal_view(callback, t("survey.modal", lang), lang, blocks, meta.to_metadata())


def read_survey_form(view: View) -> SurveyForm:
    return SurveyForm(**{name: state_text(view, name) for name in SurveyForm.__dataclass_fields__})


def build_close_modal(lang: Lang, shown: FeedbackShown, meta: SurveyFormMetadata) -> View:
    blocks = [
        text_input(
            field,
            t(f"feedback.label.{field}", lang),
            hint=t(f"feedback.hint.{field}", lang),
            optional=False,
            multiline=True,
            max_length=TEXT_LIMIT,
        )
        for field in ("resolution", "reported_back")
    ]
    title = t("feedback.modal_close", lang)
    return modal_view(ids.FEEDBACK_CLOSE_VIEW, title, lang, blocks, meta.to_metadata())


def read_close_form(view: View) -> CloseForm:
    return CloseForm(
        resolution=state_text(view, "resolution"), reported_back=state_text(view, "reported_back")
    )


def _contact_options(contacts: tuple[Contact, ...]) -> list[tuple[str, str]]:
    return [
        (f"{c.name} · {c.title}" if c.title else c.name, str(c.id))
        for c in contacts[:OPTIONS_LIMIT]
        if c.id is not None
    ]
