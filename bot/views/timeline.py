"""Contact records and follow-ups as blocks: on the card, and paged on their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.customers.cards import TIMELINE_ON_CARD
from bot.i18n import Lang, t
from bot.logs.record_cases import PAGE
from bot.store.models import ContactRecord, Customer, FollowUp
from bot.views import ids
from bot.views.blocks import (
    Block,
    Mrkdwn,
    Reply,
    clip,
    context,
    header,
    labelled,
    md,
    mention,
    section,
)
from bot.views.inputs import button, option

SHOWN_TEXT = 600


def record_block(record: ContactRecord, lang: Lang, *, menu: bool = True) -> Block:
    """A record, with its menu (edit, undo) for who may change it (`menu`)."""
    when = _slack_date(record.created_at.timestamp(), record.created_at.strftime("%Y-%m-%d"))
    marks = [t(f"kind.{record.kind}", lang), mention(record.author_id), when]
    if record.supersedes_id:
        marks.append(t("card.edited", lang))
    if record.source == "deal":  # a deal's next step (bot/sales/deals.py)
        marks.append(t("card.from_deal", lang))
    if record.source_permalink:
        link = Mrkdwn("<{}|{}>").format(record.source_permalink, t("card.from_message", lang))
        marks.append(link)
    lines = [Mrkdwn(" · ").join(marks), clip(record.summary, SHOWN_TEXT)]
    if record.next_step:
        next_step = clip(record.next_step, SHOWN_TEXT)
        lines.append(labelled(t("log.next", lang), next_step, lang, bold=True))
    block = section(Mrkdwn("\n").join(lines))
    if not menu:
        return block
    block["accessory"] = {
        "type": "overflow",
        "action_id": ids.RECORD_MENU,
        "options": [
            option(t("card.record_edit", lang), f"edit:{record.id}"),
            option(t("log.undo", lang), f"undo:{record.id}"),
        ],
    }
    return block


def timeline_blocks(
    customer: Customer,
    records: list[ContactRecord],
    lang: Lang,
    *,
    may_edit: bool = True,
    reader: str = "",
) -> list[Block]:
    """The latest records on the card; `records` holds one more when older ones exist. A
    record is changed by its author and by who may change the card (bot/logs/rights.py):
    only they get its menu."""
    blocks: list[Block] = [section(Mrkdwn("*{}*").format(t("card.timeline", lang)))]
    if not records:
        return [*blocks, context(t("card.no_records", lang))]
    blocks += [
        record_block(r, lang, menu=may_edit or r.author_id == reader)
        for r in records[:TIMELINE_ON_CARD]
    ]
    if len(records) > TIMELINE_ON_CARD:
        last = records[TIMELINE_ON_CARD - 1]
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(t("card.older", lang), ids.TIMELINE_OLDER, f"{customer.id}:{last.id}")
                ],
            }
        )
    return blocks


def follow_up_blocks(
    follow_ups: list[FollowUp], lang: Lang, now: datetime | None = None
) -> list[Block]:
    if not follow_ups:
        return []
    lines = [follow_up_line(f, lang, now) for f in follow_ups]
    title = Mrkdwn("*{}*\n").format(t("card.follow_ups", lang))
    return [section(title + Mrkdwn("\n").join(lines))]


def follow_up_line(follow_up: FollowUp, lang: Lang, now: datetime | None = None) -> Mrkdwn:
    """`• send the quote — Fri 4 Dec · @li`, and `· ⚠️ overdue` once its moment has passed
    (`now`: the moment the list was read for)."""
    when = _slack_date(follow_up.due_at.timestamp(), _fallback(follow_up))
    title = clip(follow_up.title, 200)
    line = Mrkdwn("• {} — {} · {}").format(title, when, mention(follow_up.owner_id))
    if now is not None and follow_up.due_at < now:
        line += Mrkdwn(" · ") + md("card.overdue", lang)
    return line


def build_timeline_page(customer: Customer, records: list[ContactRecord], lang: Lang) -> Reply:
    """One page of older records; `records` holds one more when there is a next page."""
    title = t("timeline.title", lang, name=customer.legal_name)
    blocks: list[Block] = [header(title)]
    blocks += [record_block(r, lang) for r in records[:PAGE]]
    if len(records) > PAGE:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(
                        t("card.older", lang),
                        ids.TIMELINE_OLDER,
                        f"{customer.id}:{records[PAGE - 1].id}",
                    )
                ],
            }
        )
    else:
        blocks.append(context(t("timeline.end", lang)))
    return Reply(text=title, blocks=blocks)


def read_record_menu(action: dict[str, Any]) -> tuple[str, int]:
    """The option picked on a record (record_block): ("edit" | "undo", record)."""
    verb, _, record_id = action["selected_option"]["value"].partition(":")
    return verb, int(record_id)


def read_older(value: str) -> tuple[int, int]:
    """The Older records button's value: (card, the last record shown)."""
    customer_id, _, before = value.partition(":")
    return int(customer_id), int(before)


def _fallback(follow_up: FollowUp) -> str:
    local = follow_up.due_at.astimezone(ZoneInfo(follow_up.tz))
    return local.strftime("%Y-%m-%d %H:%M ") + follow_up.tz


def _slack_date(timestamp: float, fallback: str) -> Mrkdwn:
    """Slack shows it in each reader's own zone; the fallback is what others see."""
    token = Mrkdwn("<!date^{}^{{date_short_pretty}} {{time}}|{}>")
    return token.format(int(timestamp), fallback)
