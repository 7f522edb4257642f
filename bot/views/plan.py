"""The customer relations plan: phase modal, plan view, milestones, handover messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.customers.phases import CADENCES, PHASES, PhaseChanged, PhaseForm
from bot.dates.display import slack_day, slack_moment
from bot.i18n import Lang, t
from bot.store.models import Contact, Customer, Milestone, PhaseChange, PhasePlan
from bot.views import ids
from bot.views.blocks import Block, Reply, context, divider, escape, header, section
from bot.views.customer_modal import modal_view
from bot.views.inputs import (
    button,
    date_input,
    multi_select_input,
    select_input,
    state_text,
    text_input,
    user_input,
)

View = dict[str, Any]


@dataclass(frozen=True)
class RelationsPlan:
    customer: Customer
    plans: dict[str, PhasePlan]
    changes: list[PhaseChange]
    milestones: list[Milestone]
    channels: list[str]
    contacts: list[Contact]


def phase_name(phase: str, lang: Lang) -> str:
    return t(f"phase.{phase}", lang)


def build_phase_modal(
    lang: Lang,
    *,
    customer: Customer,
    to_phase: str,
    plan: PhasePlan | None,
    contacts: list[Contact],
    metadata: dict[str, Any],
) -> View:
    def label(name: str) -> str:
        return t(f"label.{name}", lang)

    blocks = [
        select_input(
            "to_phase",
            label("to_phase"),
            [(phase_name(p, lang), p) for p in PHASES],
            initial=to_phase,
        ),
        user_input(
            "primary_contact_id",
            label("primary_contact"),
            initial=(plan.primary_contact_id if plan else "") or customer.manager_id,
        ),
        user_input(
            "sales_rep_id",
            label("sales_rep"),
            initial=plan.sales_rep_id if plan else "",
            optional=True,
        ),
    ]
    if contacts:  # a multi-select with no options is refused by Slack
        blocks.append(
            multi_select_input(
                "contact_ids",
                label("customer_contacts"),
                [(c.name, str(c.id)) for c in contacts[:100]],
                initial=[str(i) for i in (plan.contact_ids if plan else [])],
            )
        )
    blocks += [
        select_input(
            "cadence",
            label("cadence"),
            [(t(f"cadence.{c}", lang), c) for c in CADENCES],
            initial=plan.cadence if plan else "none",
        ),
        date_input("next_meeting", label("next_meeting")),
        text_input(
            "adhoc_process",
            label("adhoc_process"),
            initial=plan.adhoc_process if plan else "",
            max_length=1000,
        ),
        text_input("note", label("note"), multiline=True, max_length=3000),
        text_input("reason", label("reason"), max_length=1000),
    ]
    return modal_view(ids.PHASE_VIEW, t("modal.phase", lang), lang, blocks, metadata)


def read_phase_form(view: View) -> PhaseForm:
    values = {name: state_text(view, name) for name in PhaseForm.__dataclass_fields__}
    values["contact_ids"] = tuple(v for v in values["contact_ids"].split(",") if v)
    values["cadence"] = values["cadence"] or "none"
    return PhaseForm(**values)


def build_milestone_modal(lang: Lang, metadata: dict[str, Any]) -> View:
    blocks = [
        text_input("title", t("label.milestone_title", lang), optional=False, max_length=300),
        date_input("due", t("label.due", lang)),
    ]
    return modal_view(ids.MILESTONE_VIEW, t("modal.milestone", lang), lang, blocks, metadata)


def build_phase_changed(changed: PhaseChanged, lang: Lang) -> Reply:
    customer = changed.customer
    if changed.change is None:
        return Reply(
            t(
                "phase.plan_saved",
                lang,
                phase=phase_name(changed.plan.phase, lang),
                name=escape(customer.legal_name),
            )
        )
    return Reply(
        t(
            "phase.changed",
            lang,
            name=escape(customer.legal_name),
            from_phase=phase_name(changed.change.from_phase, lang),
            to_phase=phase_name(changed.change.to_phase, lang),
        )
    )


def build_handover(changed: PhaseChanged, lang: Lang) -> Reply:
    change = changed.change
    assert change is not None
    text = t(
        "phase.handover_dm",
        lang,
        name=escape(changed.customer.legal_name),
        from_phase=phase_name(change.from_phase, lang),
        to_phase=phase_name(change.to_phase, lang),
        outgoing=f"<@{change.outgoing_contact_id}>",
        incoming=f"<@{change.incoming_contact_id}>",
    )
    lines = [text]
    if change.note:
        lines.append(t("phase.note_line", lang, note=escape(change.note)))
    if change.reason:
        lines.append(f"{t('label.reason', lang)}: {escape(change.reason)}")
    return Reply(text=text, blocks=[section("\n".join(lines))])


def build_channel_notice(changed: PhaseChanged, lang: Lang) -> Reply:
    change = changed.change
    assert change is not None
    return Reply(
        t(
            "phase.channel_notice",
            lang,
            name=escape(changed.customer.legal_name),
            to_phase=phase_name(change.to_phase, lang),
            incoming=f"<@{change.incoming_contact_id}>",
        )
    )


def plan_lines(
    plan: PhasePlan | None, contacts: list[Contact], lang: Lang, tz: ZoneInfo
) -> list[str]:
    """The plan of one phase; the next meeting in the reader's zone `tz` and language."""
    if plan is None:
        return [t("plan.not_planned", lang)]
    names = {str(c.id): c.name for c in contacts}
    lines = [f"{t('plan.primary', lang)}: <@{plan.primary_contact_id}>"]
    if plan.sales_rep_id:
        lines.append(f"{t('plan.sales', lang)}: <@{plan.sales_rep_id}>")
    if plan.contact_ids:
        people = ", ".join(escape(names.get(str(i), "?")) for i in plan.contact_ids)
        lines.append(f"{t('plan.contacts', lang)}: {people}")
    meetings = t(f"cadence.{plan.cadence}", lang)
    if plan.next_meeting_at:
        # the plan keeps no zone: Slack shows each reader the day in their own
        meetings += " · " + t(
            "plan.next_meeting", lang, when=slack_moment(plan.next_meeting_at, lang, tz)
        )
    lines.append(f"{t('plan.meetings', lang)}: {meetings}")
    if plan.adhoc_process:
        lines.append(f"{t('plan.adhoc', lang)}: {escape(plan.adhoc_process)}")
    return lines


def milestone_block(milestone: Milestone, lang: Lang) -> Block:
    when = slack_day(milestone.due_at, lang, ZoneInfo(milestone.tz))
    done = f" · ~{t('milestone.done_mark', lang)}~" if milestone.status == "done" else ""
    block = section(
        f"{'✅' if milestone.status == 'done' else '◻️'} *{escape(milestone.title)}* — {when}{done}"
    )
    if milestone.status != "done":
        block["accessory"] = button(
            t("milestone.done", lang), ids.MILESTONE_DONE, str(milestone.id)
        )
    return block


def build_plan(plan: RelationsPlan, lang: Lang, tz: ZoneInfo) -> Reply:
    customer = plan.customer
    title = t("plan.title", lang, name=customer.legal_name)
    blocks: list[Block] = [header(title)]
    for phase in PHASES:
        marker = f" ({t('plan.current', lang)})" if phase == customer.phase else ""
        lines = plan_lines(plan.plans.get(phase), plan.contacts, lang, tz)
        blocks.append(section(f"*{phase_name(phase, lang)}*{marker}\n" + "\n".join(lines)))
    blocks += [divider(), section(f"*{t('plan.history', lang)}*\n" + _history(plan, lang, tz))]
    blocks += [divider(), section(f"*{t('plan.milestones', lang)}*")]
    blocks += [milestone_block(m, lang) for m in plan.milestones[:20]] or [
        context(t("plan.no_milestones", lang))
    ]
    if plan.channels:
        blocks.append(
            context(f"{t('plan.channels', lang)}: " + ", ".join(f"<#{c}>" for c in plan.channels))
        )
    blocks.append(
        {
            "type": "actions",
            "elements": [
                button(t("plan.change_phase", lang), ids.PHASE_OPEN, str(customer.id)),
                button(t("plan.add_milestone", lang), ids.MILESTONE_OPEN, str(customer.id)),
            ],
        }
    )
    return Reply(text=title, blocks=blocks[:50])


def _history(plan: RelationsPlan, lang: Lang, tz: ZoneInfo) -> str:
    if not plan.changes:
        return t("plan.no_history", lang)
    return "\n".join(
        t(
            "plan.change_line",
            lang,
            when=slack_day(c.at, lang, tz),
            from_phase=phase_name(c.from_phase, lang),
            to_phase=phase_name(c.to_phase, lang),
            who=f"<@{c.actor_id}>",
        )
        for c in plan.changes[-10:]
    )
