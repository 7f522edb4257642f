"""The contact-record forms as typed answers (what the modals' readers give), and the
forms' own rules: a customer chosen, a picked date in the future, a readable next step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.customers.form import FormInvalid
from bot.dates.rules import DEFAULT_TIME
from bot.dates.understand import InThePast, Unreadable, at_local, understand_when
from bot.errors import Message
from bot.logs.line import KINDS
from bot.logs.records import FORM_TEXT_LIMIT, LogDraft
from bot.parsing import chosen_row, row_id
from bot.store.models import ContactRecord


@dataclass(frozen=True)
class LogForm:
    """The /log form."""

    customer_id: str = ""
    kind: str = "note"
    contact_id: str = ""
    summary: str = ""
    next_step: str = ""
    follow_up_date: str = ""  # YYYY-MM-DD
    follow_up_time: str = ""  # HH:MM


@dataclass(frozen=True)
class MessageForm:
    """The "Log to customer" form of a saved Slack message: the message is the summary."""

    customer_id: str = ""
    kind: str = "note"
    next_step: str = ""


@dataclass(frozen=True)
class RecordEdit:
    """The edit-record form."""

    summary: str | None  # None: the text was too long to offer, so it stays as it is
    next_step: str


@dataclass(frozen=True)
class FollowUpTimeForm:
    """The follow-up time form (Change time, Reschedule)."""

    follow_up_date: str = ""  # YYYY-MM-DD
    follow_up_time: str = ""  # HH:MM

    @classmethod
    def of(cls, due_at: datetime, tz: ZoneInfo) -> FollowUpTimeForm:
        local = due_at.astimezone(tz)
        return cls(local.strftime("%Y-%m-%d"), local.strftime("%H:%M"))


def edit_form_of(record: ContactRecord) -> RecordEdit:
    """What the edit form offers: a text longer than a form field holds is not offered, so
    that saving the form can never cut it."""
    summary = record.summary if len(record.summary) <= FORM_TEXT_LIMIT else None
    return RecordEdit(summary=summary, next_step=record.next_step)


def due_from_pickers(
    day: str, clock: str, *, tz: ZoneInfo, now: datetime, field: str = "follow_up_date"
) -> datetime | None:
    """A date picked (and maybe a time) as an aware UTC moment; refused when past."""
    if not day:
        if clock:
            raise FormInvalid({field: Message("field.follow_up_date.required")})
        return None
    wall = time.fromisoformat(clock) if clock else DEFAULT_TIME
    moment = at_local(date.fromisoformat(day), wall, tz)
    if moment <= now:
        raise FormInvalid({field: Message("field.follow_up_date.past")})
    return moment


def new_due(form: FollowUpTimeForm, *, tz: ZoneInfo, now: datetime) -> datetime:
    """The moment a follow-up moves to: a date must be picked."""
    due = due_from_pickers(form.follow_up_date, form.follow_up_time, tz=tz, now=now)
    if due is None:
        raise FormInvalid({"follow_up_date": Message("field.follow_up_date.required")})
    return due


def check_next_step_date(next_step: str, *, tz: ZoneInfo, now: datetime) -> None:
    """In a modal, a past or unreadable date in the next step is an error on that field."""
    reading = understand_when(next_step, now=now, tz=tz) if next_step else None
    if isinstance(reading, InThePast):  # the when is shown in the person's language
        raise FormInvalid(
            {
                "next_step": Message(
                    "field.next_step.date_past", {"phrase": reading.phrase, "when": reading.local}
                )
            }
        )
    if isinstance(reading, Unreadable):
        raise FormInvalid(
            {"next_step": Message("field.next_step.date_unreadable", {"phrase": reading.phrase})}
        )


def draft_from_form(form: LogForm, *, tz: ZoneInfo, now: datetime) -> LogDraft:
    customer_id = _chosen(form.customer_id)
    due = due_from_pickers(form.follow_up_date, form.follow_up_time, tz=tz, now=now)
    if due is None:
        check_next_step_date(form.next_step, tz=tz, now=now)
    return LogDraft(
        customer_id=customer_id,
        kind=_kind(form.kind),
        contact_id=chosen_row(form.contact_id),
        summary=form.summary,
        next_step=form.next_step,
        follow_up_due=due,
        source="modal",
    )


def draft_from_message(
    form: MessageForm, held: LogDraft, *, tz: ZoneInfo, now: datetime
) -> LogDraft:
    """A held Slack message (its text, author, place and link) on the card chosen."""
    customer_id = _chosen(form.customer_id)
    check_next_step_date(form.next_step, tz=tz, now=now)
    return replace(held, customer_id=customer_id, kind=_kind(form.kind), next_step=form.next_step)


def _chosen(customer_id: str) -> int:
    chosen = row_id(customer_id)
    if chosen is None:
        raise FormInvalid({"customer": Message("field.customer.required")})
    return chosen


def _kind(kind: str) -> str:
    return kind if kind in KINDS else "note"
