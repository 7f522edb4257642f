"""A requirement list as people read it — each requirement with its priority and acceptance
criteria, whether the customer confirmed it, who and when — with its buttons; the message
the customer's own people confirm in a shared channel; the form to add one."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.delivery.change_forms import AnswerForm
from bot.delivery.requirement_cases import RequirementsShown
from bot.delivery.requirements import CRITERIA_LIMIT, TITLE_LIMIT, Priority
from bot.i18n import Lang, t
from bot.store.delivery_models import Requirement
from bot.views import ids
from bot.views.blocks import (
    Block,
    Mrkdwn,
    Reply,
    channel_link,
    clip,
    context,
    md,
    mention,
    moment,
    section,
)
from bot.views.change_modal import OPTIONS_LIMIT, ChangeFormMetadata, read_change_metadata
from bot.views.customer_modal import modal_view
from bot.views.inputs import button, select_input, state_text, text_input

View = dict[str, Any]
TEXT_LIMIT = 2900


def build_requirements(shown: RequirementsShown, lang: Lang, tz: ZoneInfo) -> Reply:
    customer, listed = shown.customer, shown.listed
    assert customer.id is not None
    card = Mrkdwn("{} ({})").format(customer.legal_name, customer.handle)
    project = shown.project.name if shown.project else t("requirement.no_project", lang)
    blocks: list[Block] = [section(md("requirement.title", lang, customer=card, project=project))]
    if not shown.requirements:
        blocks.append(context(md("requirement.empty", lang)))
    for text in _chunks([_line(r, lang) for r in shown.requirements]):
        blocks.append(section(text))
    if listed is not None and listed.state == "confirmed" and listed.confirmed_at is not None:
        who = (
            Mrkdwn("{}").format(shown.contacts.get(listed.confirmed_for_contact_id, "?"))
            if listed.confirmed_for_contact_id
            else mention(listed.confirmed_by)
        )
        key = "requirement.confirmed_in" if listed.confirmed_in else "requirement.confirmed"
        said = md(key, lang, who=who, when=moment(listed.confirmed_at, lang, tz))
        if listed.confirmed_note:
            said = Mrkdwn("{} — {}").format(said, clip(listed.confirmed_note, 300))
        blocks.append(context(said))
    elif listed is not None:
        blocks.append(context(md("requirement.draft", lang)))
    if shown.may_edit:
        blocks.append(_actions(shown, lang))
    return Reply(text=t("requirement.text", lang, customer=customer.legal_name), blocks=blocks)


def build_requirements_asked(shown: RequirementsShown, lang: Lang) -> Reply:
    said = md("requirement.asked", lang, channel=channel_link(shown.channel))
    return Reply(
        text=t("requirement.text", lang, customer=shown.customer.legal_name), blocks=[section(said)]
    )


def build_requirements_for_customer(shown: RequirementsShown, lang: Lang) -> Reply:
    """For the customer's people: the requirements and their criteria, and Confirm."""
    assert shown.listed is not None and shown.listed.id is not None
    title = md("requirement.customer_title", lang, count=len(shown.requirements))
    blocks: list[Block] = [section(title)]
    blocks += [section(text) for text in _chunks([_line(r, lang) for r in shown.requirements])]
    confirm = {
        **button(
            t("change.customer_confirm", lang), ids.REQUIREMENTS_CUSTOMER, str(shown.listed.id)
        ),
        "style": "primary",
    }
    blocks.append({"type": "actions", "block_id": ids.REQUIREMENT_ACTIONS, "elements": [confirm]})
    return Reply(text=t("requirement.customer_text", lang), blocks=blocks)


def build_requirements_confirmed_by_customer(
    shown: RequirementsShown, lang: Lang, tz: ZoneInfo
) -> Reply:
    listed = shown.listed
    assert listed is not None and listed.confirmed_at is not None
    title = md("requirement.customer_title", lang, count=len(shown.requirements))
    blocks: list[Block] = [section(title)]
    blocks += [section(text) for text in _chunks([_line(r, lang) for r in shown.requirements])]
    blocks.append(
        context(
            md(
                "change.customer_confirmed",
                lang,
                who=mention(listed.confirmed_by),
                when=moment(listed.confirmed_at, lang, tz),
            )
        )
    )
    return Reply(text=t("requirement.customer_text", lang), blocks=blocks)


def build_requirement_modal(lang: Lang, meta: ChangeFormMetadata) -> View:
    priorities = [(t(f"requirement.priority.{p.value}", lang), p.value) for p in Priority]
    blocks = [
        text_input(
            "title", t("requirement.label.title", lang), optional=False, max_length=TITLE_LIMIT
        ),
        select_input(
            "priority",
            t("requirement.label.priority", lang),
            priorities,
            initial=Priority.SHOULD.value,
        ),
        text_input(
            "criteria",
            t("requirement.label.criteria", lang),
            multiline=True,
            max_length=CRITERIA_LIMIT,
        ),
    ]
    return modal_view(
        ids.REQUIREMENT_VIEW, t("requirement.modal_new", lang), lang, blocks, meta.to_metadata()
    )


def read_requirement_modal(view: View) -> tuple[ChangeFormMetadata, str, str, str]:
    return (
        read_change_metadata(view),
        state_text(view, "title"),
        state_text(view, "priority"),
        state_text(view, "criteria"),
    )


def build_confirmation_modal(
    lang: Lang, shown: RequirementsShown, meta: ChangeFormMetadata
) -> View:
    contacts = [(name, str(cid)) for cid, name in list(shown.contacts.items())[:OPTIONS_LIMIT]]
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
            max_length=2000,
        )
    )
    return modal_view(
        ids.REQUIREMENTS_CONFIRMED_VIEW,
        t("requirement.modal_confirmed", lang),
        lang,
        blocks,
        meta.to_metadata(),
    )


def read_confirmation_modal(view: View) -> AnswerForm:
    return AnswerForm(contact=state_text(view, "contact"), note=state_text(view, "note"))


def requirement_line(payload: dict[str, Any], lang: Lang) -> Mrkdwn:
    """A proposed requirement (a change request's), as the list shows one."""
    return _text(
        payload.get("priority", "should"),
        str(payload.get("title", "")),
        str(payload.get("criteria", "")),
        lang,
    )


def _line(requirement: Requirement, lang: Lang) -> Mrkdwn:
    line = Mrkdwn("*R-{}* ").format(requirement.number)
    line += _text(requirement.priority, requirement.title, requirement.criteria, lang)
    if requirement.change_request_id:
        line += Mrkdwn(" ") + md("requirement.via_change", lang)
    return line


def _text(priority: str, title: str, criteria: str, lang: Lang) -> Mrkdwn:
    label = t(f"requirement.priority.{priority}", lang)
    text = Mrkdwn("[{}] {}").format(label, clip(title, 200))
    if criteria:
        text += Mrkdwn("\n      ") + md("requirement.criteria", lang, text=clip(criteria, 600))
    return text


def _chunks(lines: list[Mrkdwn]) -> list[Mrkdwn]:
    texts: list[Mrkdwn] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= TEXT_LIMIT:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts[:40]


def _actions(shown: RequirementsShown, lang: Lang) -> Block:
    customer = shown.customer
    elements = [button(t("requirement.add", lang), ids.REQUIREMENT_NEW, str(customer.id))]
    listed = shown.listed
    if (
        listed is not None
        and listed.id is not None
        and listed.state == "draft"
        and shown.requirements
    ):
        elements.append(
            button(t("change.ask_customer", lang), ids.REQUIREMENTS_ASK, str(listed.id))
        )
        elements.append(
            button(t("change.button.confirm", lang), ids.REQUIREMENTS_CONFIRMED, str(listed.id))
        )
    return {"type": "actions", "block_id": ids.REQUIREMENT_ACTIONS, "elements": elements}
