"""The phase transition and milestone modals, and their readers (build → read is a round
trip), with the card they are about in typed private metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.customers.cadence import CADENCES
from bot.customers.milestones import MAX_TITLE, MilestoneForm
from bot.customers.phases import PHASES, PhaseForm
from bot.i18n import Lang, t
from bot.store.models import Contact, Customer
from bot.views import ids
from bot.views.blocks import Block
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import (
    date_input,
    multi_select_groups_input,
    multi_select_input,
    select_input,
    state_text,
    text_input,
    user_input,
)
from bot.views.plan import phase_name

View = dict[str, Any]
OPTIONS = 100  # Slack lists at most 100 options in a select, or 100 groups of 100
GROUPS = 100


@dataclass(frozen=True)
class PlanFormMetadata:
    """What a phase or milestone form is about: the card, the channel it was opened in (the
    answer goes there) and, for a phase form, the card's phase then (its rules are checked
    against it before the form is answered; the save checks them again)."""

    customer_id: int
    channel: str | None = None
    from_phase: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {
            ids.META_CUSTOMER_ID: self.customer_id,
            ids.META_CHANNEL: self.channel,
            ids.META_FROM_PHASE: self.from_phase,
        }


def read_plan_form_metadata(view: View) -> PlanFormMetadata:
    metadata = read_metadata(view)
    from_phase = metadata.get(ids.META_FROM_PHASE)
    return PlanFormMetadata(
        customer_id=int(metadata[ids.META_CUSTOMER_ID]),
        channel=metadata.get(ids.META_CHANNEL) or None,
        from_phase=from_phase if from_phase in PHASES else None,
    )


def build_phase_modal(
    lang: Lang,
    form: PhaseForm,
    *,
    customer: Customer,
    contacts: list[Contact],
    metadata: PlanFormMetadata,
) -> View:
    def label(name: str) -> str:
        return t(f"label.{name}", lang)

    blocks = [
        select_input(
            "to_phase",
            label("to_phase"),
            [(phase_name(p, lang), p) for p in PHASES],
            initial=form.to_phase,
        ),
        user_input("primary_contact_id", label("primary_contact"), initial=form.primary_contact_id),
        user_input("sales_rep_id", label("sales_rep"), initial=form.sales_rep_id, optional=True),
    ]
    if contacts:  # a multi-select with no options is refused by Slack
        blocks.append(_contacts_input(contacts, list(form.contact_ids), lang))
    blocks += [
        select_input(
            "cadence",
            label("cadence"),
            [(t(f"cadence.{c}", lang), c) for c in CADENCES],
            initial=form.cadence,
        ),
        date_input("next_meeting", label("next_meeting"), initial=form.next_meeting),
        text_input(
            "adhoc_process", label("adhoc_process"), initial=form.adhoc_process, max_length=1000
        ),
        text_input("note", label("note"), initial=form.note, multiline=True, max_length=3000),
        text_input("reason", label("reason"), initial=form.reason, max_length=1000),
    ]
    title = t("modal.phase", lang)
    return modal_view(ids.PHASE_VIEW, title, lang, blocks, metadata.to_metadata())


def _contacts_input(contacts: list[Contact], planned: list[str], lang: Lang) -> Block:
    """Every contact of the card: up to 100 as they are, more in groups of 100 — a contact
    in the plan is never left out of the form, so saving it unchanged keeps the plan."""
    label = t("label.customer_contacts", lang)
    options = [(c.name, str(c.id)) for c in contacts]
    if len(options) <= OPTIONS:
        return multi_select_input("contact_ids", label, options, initial=planned)
    if len(options) > OPTIONS * GROUPS:  # past what Slack can list: the planned ones first
        options = sorted(options, key=lambda o: o[1] not in planned)[: OPTIONS * GROUPS]
    groups = [
        (
            t("phase.contacts_group", lang, first=start + 1, last=start + len(part)),
            part,
        )
        for start in range(0, len(options), OPTIONS)
        if (part := options[start : start + OPTIONS])
    ]
    hint = ""
    if len(contacts) > len(options):
        hint = t("phase.contacts_cut", lang, shown=len(options), total=len(contacts))
    return multi_select_groups_input("contact_ids", label, groups, initial=planned, hint=hint)


def read_phase_form(view: View) -> PhaseForm:
    values = {name: state_text(view, name) for name in PhaseForm.__dataclass_fields__}
    return PhaseForm(
        to_phase=values["to_phase"],
        primary_contact_id=values["primary_contact_id"],
        sales_rep_id=values["sales_rep_id"],
        contact_ids=tuple(v for v in values["contact_ids"].split(",") if v),
        cadence=values["cadence"] or "none",
        next_meeting=values["next_meeting"],
        adhoc_process=values["adhoc_process"],
        note=values["note"],
        reason=values["reason"],
    )


def build_milestone_modal(lang: Lang, form: MilestoneForm, metadata: PlanFormMetadata) -> View:
    blocks = [
        text_input(
            "title",
            t("label.milestone_title", lang),
            initial=form.title,
            optional=False,
            max_length=MAX_TITLE,
        ),
        date_input("due", t("label.due", lang), initial=form.due),
    ]
    title = t("modal.milestone", lang)
    return modal_view(ids.MILESTONE_VIEW, title, lang, blocks, metadata.to_metadata())


def read_milestone_form(view: View) -> MilestoneForm:
    return MilestoneForm(title=state_text(view, "title"), due=state_text(view, "due"))
