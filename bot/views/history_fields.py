"""How each stored field of a card's history reads: its label in the catalog, and its value
as the card shows it (statuses and phases by label, people as mentions, moments in the
reader's zone and language)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.customers.form import STATUSES
from bot.customers.governance import HistoryPage
from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.views.blocks import channel_link, clip, mention, moment

SHOWN_TEXT = 1000  # a long note or contact record, clipped: the card shows it whole


@dataclass(frozen=True)
class Reader:
    lang: Lang
    tz: ZoneInfo
    home_region: str = "CN"  # phones of this region are shown nationally, as on the card


Show = Callable[[object, Reader, HistoryPage], str]  # text, or Mrkdwn for a mention or a date


def show_text(value: object, reader: Reader, page: HistoryPage) -> str:
    return clip(str(value), SHOWN_TEXT)


def _number(value: object, reader: Reader, page: HistoryPage) -> str:
    return str(value)


def _person(value: object, reader: Reader, page: HistoryPage) -> str:
    return mention(str(value))


def _channel(value: object, reader: Reader, page: HistoryPage) -> str:
    return channel_link(str(value))


def _labelled(prefix: str) -> Show:
    def show(value: object, reader: Reader, page: HistoryPage) -> str:
        key = f"{prefix}.{value}"
        return t(key, reader.lang) if key in MESSAGES else show_text(value, reader, page)

    return show


def _status(value: object, reader: Reader, page: HistoryPage) -> str:
    """A card's status, or the state of a milestone or follow-up."""
    prefix = "status" if value in STATUSES else "history.state"
    return _labelled(prefix)(value, reader, page)


def _moment(value: object, reader: Reader, page: HistoryPage) -> str:
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return show_text(value, reader, page)
    return moment(when, reader.lang, reader.tz)


def _day(value: object, reader: Reader, page: HistoryPage) -> str:
    try:
        return format_day(date.fromisoformat(str(value)), reader.lang)
    except ValueError:
        return show_text(value, reader, page)


def _contact(value: object, reader: Reader, page: HistoryPage) -> str:
    return page.contacts.get(value, "") if isinstance(value, int) else ""


def _record(value: object, reader: Reader, page: HistoryPage) -> str:
    summary = page.records.get(value, "") if isinstance(value, int) else ""
    return clip(summary, 200)


# stored field → (catalog label, how its value reads); the card's own labels where it has one
FIELDS: dict[str, tuple[str, Show]] = {
    "legal_name": ("label.legal_name", show_text),
    "handle": ("card.short_name", show_text),
    "address": ("label.address", show_text),
    "province": ("label.province", show_text),
    "city": ("label.city", show_text),
    "county": ("label.county", show_text),
    "email": ("card.email", show_text),
    "website": ("card.website", show_text),
    "notes": ("card.notes", show_text),
    "credit_code": ("label.credit_code", show_text),
    "status": ("card.status", _status),
    "level": ("label.level", _number),
    "manager_id": ("card.manager", _person),
    "security_level": ("card.security", _number),
    "salutation": ("label.salutation", _labelled("salutation")),
    "name": ("label.contact_name", show_text),
    "title": ("label.title", show_text),
    "phase": ("card.phase", _labelled("phase")),
    "value_score": ("history.field.value_score", _number),
    "value_tier": ("history.field.value_tier", show_text),
    "summary": ("label.summary", show_text),
    "next_step": ("label.next_step", show_text),
    "due_at": ("history.field.due", _moment),
    # what the event is about: shown once, as it is named, even when it did not change
    "contact": ("history.field.contact", show_text),
    "contact_id": ("history.field.contact", _contact),
    "user": ("history.field.person", _person),
    "channel": ("history.field.channel", _channel),
    "milestone": ("history.field.milestone", show_text),
    "follow_up": ("history.field.follow_up", show_text),
    "duplicate": ("history.field.duplicate", show_text),
    "record_id": ("history.field.record", _record),
    # deals, contracts, projects, documents (amounts are kept as people read them)
    "deal": ("history.field.deal", show_text),
    "amount": ("history.field.amount", show_text),
    "stage": ("history.field.stage", _labelled("stage")),
    "probability": ("history.field.probability", _number),
    "expected_close": ("history.field.expected_close", _day),
    "owner_id": ("history.field.owner", _person),
    "loss_reason": ("history.field.loss_reason", show_text),
    "contract": ("history.field.contract", show_text),
    "receivable": ("history.field.receivable", show_text),
    "signed_on": ("history.field.signed_on", _day),
    "ends_on": ("history.field.ends_on", _day),
    "planned_end": ("history.field.planned_end", _day),
    "received_on": ("history.field.received_on", _day),
    "receivables": ("history.field.receivables", _number),
    "reason": ("history.field.reason", show_text),
    "project": ("history.field.project", show_text),
    "project_manager": ("history.field.project_manager", _person),
    "starts_on": ("history.field.starts_on", _day),
    "milestones": ("history.field.milestones", _number),
    "document": ("history.field.document", show_text),
    "change_numbers": ("history.field.change_numbers", show_text),
}
