"""The customer relations plan as messages: the plan, milestones, phase changes and their
handover messages. Every list that is cut says how much is left and how to see it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.customers.phases import PHASES, PhaseChanged, RelationsPlan
from bot.dates.display import format_moment
from bot.i18n import Lang, t
from bot.store.models import Contact, Customer, Milestone, PhasePlan
from bot.views import ids
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    channel_link,
    context,
    day,
    divider,
    header,
    labelled,
    md,
    mention,
    moment,
    section,
)
from bot.views.inputs import button

__all__ = ["RelationsPlan", "build_plan", "milestone_block", "plan_lines"]
HISTORY_SHOWN = 10  # the latest phase changes; /customer history has them all
CONTEXT_ELEMENTS = 10


def phase_name(phase: str, lang: Lang) -> str:
    return t(f"phase.{phase}", lang)


def build_phase_changed(changed: PhaseChanged, lang: Lang) -> Reply:
    customer = changed.customer
    if changed.change is None:
        return Reply(
            md(
                "phase.plan_saved",
                lang,
                phase=phase_name(changed.plan.phase, lang),
                name=customer.legal_name,
            )
        )
    return Reply(
        md(
            "phase.changed",
            lang,
            name=customer.legal_name,
            from_phase=phase_name(changed.change.from_phase, lang),
            to_phase=phase_name(changed.change.to_phase, lang),
        )
    )


def build_handover(changed: PhaseChanged, lang: Lang) -> Reply:
    change = changed.change
    assert change is not None
    text = md(
        "phase.handover_dm",
        lang,
        name=changed.customer.legal_name,
        from_phase=phase_name(change.from_phase, lang),
        to_phase=phase_name(change.to_phase, lang),
        outgoing=mention(change.outgoing_contact_id),
        incoming=mention(change.incoming_contact_id),
    )
    lines = [text]
    if change.note:
        lines.append(md("phase.note_line", lang, note=change.note))
    if change.reason:
        lines.append(labelled(t("label.reason", lang), change.reason, lang))
    return Reply(text=text, blocks=[section(Mrkdwn("\n").join(lines))])


def build_channel_notice(changed: PhaseChanged, lang: Lang) -> Reply:
    change = changed.change
    assert change is not None
    return Reply(
        md(
            "phase.channel_notice",
            lang,
            name=changed.customer.legal_name,
            to_phase=phase_name(change.to_phase, lang),
            incoming=mention(change.incoming_contact_id),
        )
    )


def plan_lines(
    plan: PhasePlan | None, contacts: list[Contact], lang: Lang, tz: ZoneInfo
) -> list[Mrkdwn]:
    """The plan of one phase; the next meeting in the reader's zone `tz` and language."""
    if plan is None:
        return [md("plan.not_planned", lang)]
    names = {str(c.id): c.name for c in contacts}

    def line(label: str, value: str) -> Mrkdwn:
        return labelled(label, value, lang)

    lines = [line(t("plan.primary", lang), mention(plan.primary_contact_id))]
    if plan.sales_rep_id:
        lines.append(line(t("plan.sales", lang), mention(plan.sales_rep_id)))
    if plan.contact_ids:
        # a contact since removed from the card is counted, not shown as "?"
        people = [names[str(i)] for i in plan.contact_ids if str(i) in names]
        gone = len(plan.contact_ids) - len(people)
        if gone:
            people.append(t("plan.contacts_gone", lang, count=gone))
        lines.append(line(t("plan.contacts", lang), ", ".join(people)))
    meetings = md(f"cadence.{plan.cadence}", lang)
    if plan.next_meeting_at:
        # the plan keeps no zone: Slack shows each reader the day in their own
        when = moment(plan.next_meeting_at, lang, tz)
        meetings += Mrkdwn(" · ") + md("plan.next_meeting", lang, when=when)
    lines.append(line(t("plan.meetings", lang), meetings))
    if plan.adhoc_process:
        lines.append(line(t("plan.adhoc", lang), plan.adhoc_process))
    return lines


def milestone_block(
    milestone: Milestone,
    lang: Lang,
    projects: dict[int, str] | None = None,
    now: datetime | None = None,
    *,
    may_mark: bool = True,
) -> Block:
    """A milestone with its Done button (`may_mark`: for who may change the card); a
    project's says which project (`projects`); an open one past its moment (`now`: when the
    list was read for) is marked overdue."""
    when = day(milestone.due_at, lang, ZoneInfo(milestone.tz))
    done = f" · ~{t('milestone.done_mark', lang)}~" if milestone.status == "done" else ""
    if milestone.status != "done" and now is not None and milestone.due_at < now:
        done = f" · {t('card.overdue', lang)}"
    project = (projects or {}).get(milestone.project_id or 0)
    whose = f"[{project}] " if project else ""
    mark = "✅" if milestone.status == "done" else "◻️"
    block = section(Mrkdwn("{} {}*{}* — {}{}").format(mark, whose, milestone.title, when, done))
    if milestone.status != "done" and may_mark:
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
        title = Mrkdwn("*{}*{}\n").format(phase_name(phase, lang), marker)
        blocks.append(section(title + Mrkdwn("\n").join(lines)))
    history = Mrkdwn("*{}*\n").format(t("plan.history", lang)) + _history(plan, lang, tz)
    blocks += [divider(), section(history)]
    blocks += [divider(), section(Mrkdwn("*{}*").format(t("plan.milestones", lang)))]
    changes = [  # for who may change the card; who may only see it reads the plan
        button(t("plan.change_phase", lang), ids.PHASE_OPEN, str(customer.id)),
        button(t("plan.add_milestone", lang), ids.MILESTONE_OPEN, str(customer.id)),
    ]
    actions = {
        "type": "actions",
        "elements": [
            *(changes if plan.may_edit else []),
            # the period's maintenance plan (002), shown again with its own buttons
            button(t("maint.show_plan", lang), ids.MAINT_OPEN, str(customer.id)),
        ],
    }
    channels = [channel_mentions(plan.channels, t("plan.channels", lang), lang)]
    after = [block for block in channels if block is not None] + [actions]
    room = MESSAGE_BLOCK_LIMIT - len(blocks) - len(after) - 1  # one for "+N more"
    total = len(plan.milestones) if plan.milestones_total is None else plan.milestones_total
    shown = plan.milestones[:room]
    blocks += [
        milestone_block(m, lang, plan.projects, plan.as_of, may_mark=plan.may_edit) for m in shown
    ] or [context(t("plan.no_milestones", lang))]
    if total > len(shown):
        blocks.append(more_block(customer, len(shown), total, ids.MILESTONES_MORE, lang))
    return Reply(text=title, blocks=blocks + after)


def more_block(customer: Customer, shown: int, total: int, action_id: str, lang: Lang) -> Block:
    """ "+N more" under a cut list, with the button that shows the next of them."""
    left = total - shown
    block = section(t("list.more", lang, count=left))
    block["accessory"] = button(t("list.show_more", lang), action_id, f"{customer.id}:{shown}")
    return block


def channel_mentions(channels: list[str], label: str, lang: Lang) -> Block | None:
    """A card's project channels, as many as a context block holds, then "+N more"."""
    if not channels:
        return None
    texts = [Mrkdwn("{}: ").format(label)]
    for count, channel in enumerate(channels):
        link = channel_link(channel)
        if len(texts[-1]) + len(link) + 2 <= SECTION_TEXT_LIMIT - 40:
            texts[-1] += Mrkdwn("" if texts[-1].endswith(": ") else ", ") + link
        elif len(texts) < CONTEXT_ELEMENTS:
            texts.append(link)
        else:
            texts[-1] += Mrkdwn(" ") + md("list.more", lang, count=len(channels) - count)
            break
    return context(*texts)


def _history(plan: RelationsPlan, lang: Lang, tz: ZoneInfo) -> Mrkdwn:
    if not plan.changes:
        return md("plan.no_history", lang)
    lines = [
        md(
            "plan.change_line",
            lang,
            when=day(c.at, lang, tz),
            from_phase=phase_name(c.from_phase, lang),
            to_phase=phase_name(c.to_phase, lang),
            who=mention(c.actor_id),
        )
        for c in plan.changes[-HISTORY_SHOWN:]
    ]
    earlier = len(plan.changes) - len(lines)
    if earlier > 0:
        lines.insert(
            0,
            md("plan.earlier_changes", lang, count=earlier, handle=plan.customer.handle),
        )
    return Mrkdwn("\n").join(lines)


def build_milestone_added(
    milestone: Milestone, customer: Customer, lang: Lang, tz: ZoneInfo
) -> Reply:
    return Reply(
        t(
            "milestone.added",
            lang,
            title=milestone.title,
            name=customer.legal_name,
            when=format_moment(milestone.due_at, lang, tz),
        )
    )


def build_milestone_done(milestone: Milestone, lang: Lang) -> Reply:
    return Reply(t("milestone.completed", lang, title=milestone.title))
