"""The relationship maintenance plan as messages: a card's period plan (shown next to its
phase plan), the team's budget, and the reminders the plan sends. Every cut list says how
much is left."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.dates.display import format_day
from bot.delivery.maintenance_budget import Budget, TeamBudget, budget_of
from bot.delivery.maintenance_cases import PeriodPlan
from bot.i18n import Lang, t
from bot.sales.amounts import Money, format_money
from bot.store.maintenance_models import PlanActivity
from bot.store.models import Delivery
from bot.views import ids
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    clip,
    context,
    divider,
    header,
    md,
    mention,
    section,
)
from bot.views.inputs import button

TEXT_SHOWN = 900  # of each note, so a section stays within Slack's 3000 characters
ACTIVITIES_SHOWN = MESSAGE_BLOCK_LIMIT - 14  # room for the head, notes, review and buttons
BUDGET_ROWS = MESSAGE_BLOCK_LIMIT - 6


def money(amounts: dict[str, int], lang: Lang) -> str:
    if not amounts:
        return t("maint.none", lang)
    return " + ".join(format_money(Money(m, c), lang=lang) for c, m in sorted(amounts.items()))


def period_text(start: date, end: date, lang: Lang) -> str:
    return t("maint.period", lang, start=format_day(start, lang), end=format_day(end, lang))


def budget_line(budget: Budget, lang: Lang) -> Mrkdwn:
    return md(
        "maint.budget_line",
        lang,
        planned=money(budget.planned, lang),
        spent=money(budget.spent, lang),
    )


def build_period_plan(shown: PeriodPlan, lang: Lang, tz: ZoneInfo) -> Reply:
    customer = shown.customer
    title = t("maint.title", lang, name=customer.legal_name)
    blocks: list[Block] = [
        header(title),
        context(period_text(shown.period.start, shown.period.end, lang)),
        section(budget_line(budget_of(shown.activities), lang)),
    ]
    note = shown.note
    blocks.append(_noted("maint.label.competitors", note.competitors if note else "", lang))
    blocks.append(_noted("maint.label.decision_makers", note.decision_makers if note else "", lang))
    if shown.review is not None:
        review = shown.review
        lines = [
            Mrkdwn("*{}*").format(t("maint.label.review", lang)),
            Mrkdwn("*{}* {}").format(
                t("maint.label.achievements", lang), _text(review.achievements, lang)
            ),
            Mrkdwn("*{}* {}").format(t("maint.label.problems", lang), _text(review.problems, lang)),
            Mrkdwn("*{}* {}").format(t("maint.label.risks", lang), _text(review.risks, lang)),
        ]
        blocks.append(section(Mrkdwn("\n").join(lines)))
    blocks += [divider(), section(Mrkdwn("*{}*").format(t("maint.activities", lang)))]
    activities = shown.activities[:ACTIVITIES_SHOWN]
    blocks += [_activity(a, shown, lang) for a in activities] or [
        context(t("maint.no_activities", lang))
    ]
    if len(shown.activities) > len(activities):
        blocks.append(context(md("list.more", lang, count=len(shown.activities) - len(activities))))
    if shown.may_edit:
        value = f"{customer.id}:{shown.plan.id if shown.plan else 0}"
        elements = [
            button(t("maint.add_activity", lang), ids.MAINT_ADD, str(customer.id)),
            button(t("maint.notes", lang), ids.MAINT_NOTES, value),
        ]
        if shown.plan is not None:
            elements.append(button(t("maint.review", lang), ids.MAINT_REVIEW, str(shown.plan.id)))
        blocks.append({"type": "actions", "elements": elements})
    return Reply(text=title, blocks=blocks)


def activity_state(activity: PlanActivity, lang: Lang) -> str:
    if activity.state == "done" and activity.spent_minor is not None:
        spent = format_money(Money(activity.spent_minor, activity.currency), lang=lang)
        return t("maint.state.done_spent", lang, spent=spent)
    return t(f"maint.state.{activity.state}", lang)


def _activity(activity: PlanActivity, shown: PeriodPlan, lang: Lang) -> Block:
    budget = (
        format_money(Money(activity.budget_minor, activity.currency), lang=lang)
        if activity.budget_minor is not None
        else t("maint.none", lang)
    )
    line = Mrkdwn("{} · *{}* — {}\n").format(
        format_day(activity.day, lang), t(f"maint.kind.{activity.kind}", lang), activity.goal
    ) + md(
        "maint.activity_line",
        lang,
        owner=mention(activity.owner_id),
        budget=budget,
        state=activity_state(activity, lang),
    )
    if activity.outcome_note:
        line += Mrkdwn("\n> ") + clip(activity.outcome_note, 500).replace("\n", " ")
    block = section(line)
    if shown.may_close(activity):
        block["accessory"] = button(t("maint.update", lang), ids.MAINT_UPDATE, str(activity.id))
    return block


def _noted(label: str, text: str, lang: Lang) -> Block:
    return section(Mrkdwn("*{}*\n{}").format(t(label, lang), _text(text, lang)))


def _text(text: str, lang: Lang) -> str:
    return clip(text, TEXT_SHOWN) if text.strip() else t("maint.not_written", lang)


def build_team_budget(budget: TeamBudget, lang: Lang) -> Reply:
    title = t("maint.budget_title", lang)
    blocks: list[Block] = [
        header(title),
        context(period_text(budget.period.start, budget.period.end, lang)),
    ]
    rows = budget.rows[:BUDGET_ROWS]
    for customer, row in rows:
        blocks.append(
            section(Mrkdwn("*{}* — ").format(customer.legal_name) + budget_line(row, lang))
        )
    if not rows:
        blocks.append(context(t("maint.budget_empty", lang)))
    if len(budget.rows) > len(rows):
        blocks.append(context(md("list.more", lang, count=len(budget.rows) - len(rows))))
    blocks += [
        divider(),
        section(Mrkdwn("*{}* ").format(t("maint.total", lang)) + budget_line(budget.total, lang)),
    ]
    return Reply(text=title, blocks=blocks)


def render_activity_due(delivery: Delivery, lang: Lang) -> Reply:
    """The owner's reminder of an activity, the day before and on the day."""
    p = delivery.payload
    text = md(
        f"reminder.maint_activity_{p['when']}",
        lang,
        kind=t(f"maint.kind.{p['kind']}", lang),
        goal=clip(p["goal"], 200),
        customer=p["customer"],
        day=format_day(date.fromisoformat(p["day"]), lang),
    )
    block = section(Mrkdwn(":spiral_calendar_pad: ") + text)
    block["accessory"] = button(t("maint.open", lang), ids.MAINT_OPEN, str(p["customer_id"]))
    return Reply(text=str(text), blocks=[block])


def render_review_due(delivery: Delivery, lang: Lang) -> Reply:
    """At the period's end: the card's manager is asked for the review, a press away."""
    p = delivery.payload
    period = period_text(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]), lang)
    text = md("reminder.maint_review", lang, customer=p["customer"], period=period)
    block = section(Mrkdwn(":memo: ") + text)
    block["accessory"] = button(t("maint.review", lang), ids.MAINT_REVIEW, str(p["plan_id"]))
    return Reply(text=str(text), blocks=[block])
