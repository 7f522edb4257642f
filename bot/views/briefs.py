"""Weekly project briefs (channels) and team digests (managers) as Block Kit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.dates.display import format_day, format_moment
from bot.i18n import Lang, t
from bot.store.models import Delivery
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    Block,
    Reply,
    clip,
    context,
    escape,
    header,
    section,
)
from bot.views.reminders import render_reminder

PER_CUSTOMER_LINES = 12


def render_delivery(delivery: Delivery, lang: Lang, now: datetime) -> Reply | None:
    if delivery.kind == "brief":
        return build_brief(delivery.payload.get("content"), delivery.payload, delivery.period, lang)
    if delivery.kind == "digest":
        return build_digest(delivery.payload.get("content"), delivery.period, lang)
    return render_reminder(delivery, lang, now)


def build_brief(
    content: dict[str, Any] | None, payload: dict[str, Any], week: str, lang: Lang
) -> Reply | None:
    """None when the week has nothing to say: then nothing is posted."""
    if not content:
        return None
    tz = ZoneInfo(payload.get("tz") or "UTC")
    title = t("brief.title", lang, week=_week(week, lang))
    blocks: list[Block] = [header(title)]
    for customer in content["customers"]:
        if len(blocks) >= MESSAGE_BLOCK_LIMIT - 1:
            break
        blocks.append(section(_customer_text(customer, lang, tz)))
    return Reply(text=title, blocks=blocks)


def _customer_text(c: dict[str, Any], lang: Lang, tz: ZoneInfo) -> str:
    def when(iso: str) -> str:  # in the channel's zone, set with the brief's schedule
        return format_moment(datetime.fromisoformat(iso), lang, tz, zone_shown=False)

    tier = f" · {c['tier']}" if c.get("tier") else ""
    lines = [
        f"*{escape(c['name'])}* ({escape(c['handle'])}){tier} · "
        + t("brief.phase", lang, phase=t(f"phase.{c['phase']}", lang), primary=f"<@{c['primary']}>")
    ]
    if c["records"]:
        lines.append(t("brief.records", lang, count=c["records"]))
        for h in c["highlights"]:
            kind = t("kind." + h["kind"], lang)
            step = f" → {escape(clip(h['next'], 100))}" if h["next"] else ""
            lines.append(f"  › {kind}: {escape(clip(h['summary'], 150))}{step}")
    for key, items in (("brief.next_steps", c["due"]), ("brief.overdue", c["overdue"])):
        if items:
            lines.append(f"_{t(key, lang)}_")
            lines += [
                f"  • {escape(clip(i['title'], 150))} — {when(i['due_at'])} · <@{i['owner']}>"
                for i in items[:5]
            ]
    if c["milestones"]:
        lines.append(f"_{t('brief.milestones', lang)}_")
        lines += [f"  ◻️ {escape(m['title'])} — {when(m['due_at'])}" for m in c["milestones"][:5]]
    if c["phase_changes"]:
        changes = ", ".join(
            t("phase." + p["from"], lang) + " → " + t("phase." + p["to"], lang)
            for p in c["phase_changes"]
        )
        lines.append(f"_{t('brief.phase_changes', lang)}_: {changes}")
    return "\n".join(lines[: PER_CUSTOMER_LINES * 2])


def build_digest(content: dict[str, Any] | None, week: str, lang: Lang) -> Reply | None:
    if not content:
        return None
    title = t("digest.title", lang, week=_week(week, lang))
    people = "\n".join(
        t("digest.by_person", lang, who=f"<@{who}>", count=count)
        for who, count in content["by_person"]
    )
    statuses = " · ".join(f"{t(f'status.{s}', lang)} {n}" for s, n in content["by_status"])
    phases = " · ".join(f"{t(f'phase.{p}', lang)} {n}" for p, n in content["by_phase"])
    blocks: list[Block] = [
        header(title),
        section(
            t("digest.activity", lang, count=content["records"]) + (f"\n{people}" if people else "")
        ),
        section(
            f"*{t('digest.by_status', lang)}*: {statuses}\n*{t('digest.by_phase', lang)}*: {phases}"
        ),
        context(t("digest.overdue", lang, count=content["overdue"])),
    ]
    return Reply(text=title, blocks=blocks)


def _week(period: str, lang: Lang) -> str:
    """A delivery's period is the local day it is for (2026-11-30)."""
    try:
        return format_day(date.fromisoformat(period), lang)
    except ValueError:
        return period
