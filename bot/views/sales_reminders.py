"""Reminders about what customers buy, from a claimed delivery's payload: deals long in
their stage (in the weekly stale digest) and an overdue receivable (with *Received*)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.store.models import Delivery
from bot.views import ids
from bot.views.blocks import Block, Reply, clip, section
from bot.views.deals import money
from bot.views.inputs import button


def _stage(item: dict[str, Any], lang: Lang) -> str:
    key = f"stage.{item['stage']}"
    return item.get("stage_label") or (t(key, lang) if key in MESSAGES else item["stage"])


def stale_deal_blocks(payload: dict[str, Any], lang: Lang) -> list[Block]:
    deals = payload.get("deals") or []
    if not deals:
        return []
    lines = [t("reminder.stale_deals", lang, count=payload.get("deal_count", len(deals)))]
    lines += [
        "• "
        + t(
            "reminder.stale_deal_line",
            lang,
            deal=clip(d["deal"], 100),
            customer=d["customer"],
            handle=d["handle"],
            stage=_stage(d, lang),
            days=d["days"],
        )
        for d in deals
    ]
    left = payload.get("deal_count", len(deals)) - len(deals)
    if left > 0:
        lines.append(t("reminder.overdue_more", lang, count=left))
    return [section("\n".join(lines))]


def render_receivable(delivery: Delivery, lang: Lang) -> Reply:
    p = delivery.payload
    text = t(
        "reminder.receivable_overdue",
        lang,
        customer=p["customer"],
        handle=p["handle"],
        number=p["number"],
        title=p["title"] if p.get("title") else "—",
        amount=money(int(p["amount_minor"]), p["currency"]),
        due=format_day(date.fromisoformat(p["due_on"]), lang),
    )
    block = section(":moneybag: " + text)
    block["accessory"] = button(
        t("contract.mark_received", lang), f"{ids.RECEIVED}.0", str(p["receivable_id"])
    )
    return Reply(text=text, blocks=[block])
