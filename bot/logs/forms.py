"""The /log modal's answers as a draft record, with the modal's own rules."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.customers.form import FormInvalid, Message
from bot.dates.rules import DEFAULT_TIME
from bot.dates.understand import InThePast, Unreadable, at_local, understand_when
from bot.logs.line import KINDS
from bot.logs.records import LogDraft


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


def draft_from_modal(
    *,
    customer_id: str,
    kind: str,
    contact_id: str,
    summary: str,
    next_step: str,
    day: str,
    clock: str,
    tz: ZoneInfo,
    now: datetime,
    **source: str,
) -> LogDraft:
    if not customer_id.isdigit():
        raise FormInvalid({"customer": Message("field.customer.required")})
    due = due_from_pickers(day, clock, tz=tz, now=now)
    if due is None:
        check_next_step_date(next_step, tz=tz, now=now)
    return LogDraft(
        customer_id=int(customer_id),
        kind=kind if kind in KINDS else "note",
        contact_id=int(contact_id) if contact_id.isdigit() else None,
        summary=summary,
        next_step=next_step,
        follow_up_due=due,
        **source,
    )
