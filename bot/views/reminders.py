"""Reminder DMs as Block Kit, from a claimed delivery's payload."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.dates.display import format_day, format_moment
from bot.i18n import Lang, t
from bot.store.models import Delivery
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, Reply, clip, context, md, section
from bot.views.changes import render_change_waiting
from bot.views.inputs import button
from bot.views.maintenance import render_activity_due, render_review_due
from bot.views.notices import build_notice
from bot.views.sales_reminders import render_receivable, stale_deal_blocks
from bot.views.services import render_service_late
from bot.views.surveys import render_feedback_due

LATE_AFTER = timedelta(minutes=15)


def render_reminder(delivery: Delivery, lang: Lang, now: datetime) -> Reply | None:
    render = {
        "follow_up": _follow_up,
        "overdue_digest": _overdue,
        "meeting": _meeting,
        "cadence_missed": _cadence_missed,
        "milestone_soon": _milestone,
        "milestone_overdue": _milestone,
        "stale_digest": _stale,
        "revisit": _revisit,
        "receivable_overdue": render_receivable,
        "change_waiting": render_change_waiting,
        "service_late": render_service_late,
        "feedback_due": render_feedback_due,
        "plan_activity": render_activity_due,
        "plan_review": render_review_due,
        "notice": build_notice,  # change notices in a project channel (bot/due/notices.py)
    }.get(delivery.kind)
    if render is None:
        return None
    reply = render(delivery, lang)
    if not reply.blocks:
        reply = Reply(text=reply.text, blocks=[section(reply.text)])  # user data is escaped
    if now - delivery.due_at > LATE_AFTER:  # after downtime: say so
        when = format_moment(delivery.due_at, lang, _zone(delivery))
        reply.blocks.insert(0, context(":hourglass: " + md("reminder.late", lang, when=when)))
    return reply


def _follow_up(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    text = md(
        "reminder.follow_up",
        lang,
        customer=p["customer"],
        handle=p["handle"],
        title=clip(p["title"], 500),
    )
    when = format_moment(delivery.due_at, lang, _zone(delivery))
    value = str(p["follow_up_id"])
    blocks: list[Block] = [
        section(":bell: " + text),
        context(t("reminder.due_at", lang, when=when)),
        {
            "type": "actions",
            "elements": [
                button(t("reminder.done", lang), ids.REMINDER_DONE, value),
                button(t("reminder.snooze", lang), ids.REMINDER_SNOOZE, value),
                button(t("reminder.reschedule", lang), ids.LOG_CHANGE_TIME, value),
            ],
        },
    ]
    return Reply(text=text, blocks=blocks)


def _overdue(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    tz = _zone(delivery)
    lines = [
        Mrkdwn("• {}: {} — {}").format(
            i["customer"],
            clip(i["title"], 200),
            format_moment(datetime.fromisoformat(i["due_at"]), lang, tz),
        )
        for i in p["items"]
    ]
    if p["count"] > len(p["items"]):
        lines.append(md("reminder.overdue_more", lang, count=p["count"] - len(p["items"])))
    title = md("reminder.overdue", lang, count=p["count"])
    body = ":warning: " + title + "\n" + Mrkdwn("\n").join(lines)
    return Reply(text=title, blocks=[section(body)])


def _meeting(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    return Reply(
        md(
            "reminder.meeting",
            lang,
            customer=p["customer"],
            handle=p.get("handle") or "…",
            cadence=t(f"cadence.{p['cadence']}", lang),
        )
    )


def _cadence_missed(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    return Reply(
        md(
            "reminder.cadence_missed",
            lang,
            customer=p["customer"],
            start=format_day(date.fromisoformat(p["from"]), lang),
            end=format_day(date.fromisoformat(p["to"]), lang),
            cadence=t(f"cadence.{p['cadence']}", lang),
        )
    )


def _milestone(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    when = format_moment(datetime.fromisoformat(p["due_at"]), lang, _zone(delivery))
    return Reply(
        md(
            f"reminder.{delivery.kind}",
            lang,
            customer=p["customer"],
            title=p["title"],
            when=when,
        )
    )


def _stale(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    lines = [
        md(
            "reminder.stale_line",
            lang,
            customer=i["customer"],
            handle=i["handle"],
            days=i["days"],
            phase=t(f"phase.{i['phase']}", lang),
        )
        for i in p["items"]
    ]
    if p["count"] > len(p["items"]):
        lines.append(md("reminder.overdue_more", lang, count=p["count"] - len(p["items"])))
    title = md("reminder.stale", lang, count=p["count"])
    bullets = Mrkdwn("\n").join(Mrkdwn("• ") + line for line in lines)
    blocks = [section(title + "\n" + bullets)] if p["count"] else []
    blocks += stale_deal_blocks(p, lang)  # deals long in their stage (bot/due/sales_due.py)
    text = title if p["count"] else Mrkdwn(blocks[0]["text"]["text"])  # mrkdwn already
    return Reply(text=text, blocks=blocks)


def _revisit(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    return Reply(md("reminder.revisit", lang, customer=p["customer"], days=p["days"]))


def _zone(delivery: Delivery) -> ZoneInfo:
    try:
        return ZoneInfo(delivery.payload.get("tz") or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")
