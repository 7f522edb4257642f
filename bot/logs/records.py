"""Use cases on contact records: log, edit (a new version), undo (a follow-up moved or done:
bot/logs/follow_ups.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cards import CardNotFound
from bot.customers.form import FormInvalid, Message
from bot.customers.service import open_service_request
from bot.dates.one_liner import without_its_date
from bot.errors import NotFound
from bot.store.as_read import mark_contacted
from bot.store.card_history import record_event
from bot.store.customers import add, get_customer, insert_once
from bot.store.models import ContactRecord, Customer, FollowUp, PendingLog, ServiceRequest
from bot.store.records import (
    follow_up_of,
    follow_up_to_new_version,
    get_record,
    take_held_payload,
)
from bot.store.services import services_of_record
from bot.store.submissions import held_key
from bot.store.types import saved_id

MAX_SUMMARY = 40_000  # a saved Slack message can be long
MAX_NEXT_STEP = 3_000
FORM_TEXT_LIMIT = 3_000  # the most a Slack form field holds: a longer text is not offered


class RecordNotFound(NotFound):
    """No such record (or follow-up) in this workspace."""

    def __init__(self, item_id: int) -> None:
        super().__init__("record", str(item_id))


@dataclass(frozen=True)
class LogDraft:
    customer_id: int
    kind: str
    summary: str
    next_step: str = ""
    contact_id: int | None = None
    source: str = "command"
    source_channel: str = ""
    source_ts: str = ""
    source_author_id: str = ""
    source_permalink: str = ""
    follow_up_due: datetime | None = None

    def as_payload(self) -> dict[str, object]:
        payload = asdict(self)
        payload["follow_up_due"] = None
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> LogDraft:  # JSON read back
        return cls(**{k: v for k, v in payload.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Logged:
    record: ContactRecord
    follow_up: FollowUp | None
    customer: Customer  # the card as the record's write left it
    service: ServiceRequest | None = None  # a request or complaint: its targets


def check_draft(draft: LogDraft) -> None:
    if not draft.summary.strip():
        raise FormInvalid({"summary": Message("log.summary.required")})
    if len(draft.summary) > MAX_SUMMARY:
        raise FormInvalid({"summary": Message("field.too_long", {"limit": MAX_SUMMARY})})
    if len(draft.next_step) > MAX_NEXT_STEP:
        raise FormInvalid({"next_step": Message("field.too_long", {"limit": MAX_NEXT_STEP})})


async def log_contact(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    author_tz: str,
    draft: LogDraft,
    now: datetime,
    as_read: Customer | None = None,
    contacted: bool = False,
) -> Logged:
    """`as_read`: the card as the caller read it, perhaps in an earlier transaction (a /log
    line is read before the write lock is taken); refused as gone if it changed since.
    `contacted`: `as_read` is the card as the caller's own write of its latest contact left
    it, in this transaction (a form's card, its right checked on that write's row)."""
    check_draft(draft)
    card_id = draft.customer_id
    if as_read is None:
        as_read = await get_customer(session=session, team_id=team_id, customer_id=card_id)
        if as_read is None:
            raise CardNotFound(card_id)
    customer = (
        as_read
        if contacted
        else await mark_contacted(session=session, team_id=team_id, at=now, as_read=as_read)
    )
    if customer is None:
        raise CardNotFound(card_id)
    record = ContactRecord(
        team_id=team_id,
        author_id=author_id,
        created_at=now,
        created_from=held_key(session),
        # its fields as they are: asdict would copy each value deeply (a date too)
        **{k: v for k, v in vars(draft).items() if k != "follow_up_due"},
    )
    await insert_once(session=session, row=record)
    follow_up = None
    if draft.follow_up_due is not None:
        follow_up = FollowUp(
            team_id=team_id,
            customer_id=draft.customer_id,
            record_id=saved_id(record),
            owner_id=author_id,
            title=(
                without_its_date(
                    draft.next_step, draft.follow_up_due, now=now, tz=ZoneInfo(author_tz)
                )
                if draft.next_step
                else draft.summary[:200]
            ),
            due_at=draft.follow_up_due,
            tz=author_tz,
            created_at=now,
            updated_at=now,
        )
        await insert_once(session=session, row=follow_up)
    service = await open_service_request(session, customer=customer, record=record, now=now)
    return Logged(record, follow_up, customer, service)


async def hold(
    *, session: AsyncSession, team_id: str, author_id: str, draft: LogDraft, now: datetime
) -> PendingLog:
    check_draft(draft)
    return await add(
        session=session,
        row=PendingLog(
            team_id=team_id, author_id=author_id, payload=draft.as_payload(), created_at=now
        ),
    )


async def take_held(
    *, session: AsyncSession, team_id: str, author_id: str, pending_id: int, now: datetime
) -> LogDraft | None:
    """A held-back log, once, as its draft; None if it was already saved or dropped, or if
    it is a line waiting for its customer (choosing the card saves that one)."""
    payload = await take_held_payload(
        session=session, team_id=team_id, author_id=author_id, pending_id=pending_id, now=now
    )
    return None if payload is None else LogDraft.from_payload(payload)


async def confirm_held(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    author_tz: str,
    pending_id: int,
    now: datetime,
) -> Logged | None:
    """Save a held-back log without a reminder; None if it was already saved or dropped."""
    draft = await take_held(
        session=session, team_id=team_id, author_id=author_id, pending_id=pending_id, now=now
    )
    if draft is None:
        return None
    return await log_contact(
        session=session,
        team_id=team_id,
        author_id=author_id,
        author_tz=author_tz,
        draft=draft,
        now=now,
    )


async def edit_record(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    record_id: int,
    summary: str | None,
    next_step: str,
    now: datetime,
) -> ContactRecord:
    """A new version; the earlier text stays, marked superseded. `summary` None keeps it."""
    earlier = await _current(session, team_id, record_id)
    summary = earlier.summary if summary is None else summary
    check_draft(
        LogDraft(
            customer_id=earlier.customer_id, kind=earlier.kind, summary=summary, next_step=next_step
        )
    )
    earlier.superseded = True
    record = ContactRecord(
        team_id=team_id,
        customer_id=earlier.customer_id,
        author_id=actor_id,
        kind=earlier.kind,
        contact_id=earlier.contact_id,
        summary=summary,
        next_step=next_step,
        source=earlier.source,
        source_channel=earlier.source_channel,
        source_ts=earlier.source_ts,
        source_author_id=earlier.source_author_id,
        source_permalink=earlier.source_permalink,
        created_at=earlier.created_at,
        supersedes_id=earlier.id,
        created_from=held_key(session),
    )
    await add(session=session, row=record)
    await follow_up_to_new_version(
        session=session,
        earlier_id=saved_id(earlier),
        record_id=saved_id(record),
        title=next_step,
        now=now,
    )
    await history_line(
        session,
        record,
        actor_id,
        now,
        "log_edit",
        {"summary": [earlier.summary, summary], "next_step": [earlier.next_step, next_step]},
    )
    return record


async def retract_record(
    *, session: AsyncSession, team_id: str, actor_id: str, record_id: int, now: datetime
) -> ContactRecord:
    """Undo: the record leaves the timeline and its follow-up is cancelled; both are kept."""
    record = await _current(session, team_id, record_id)
    record.retracted_at, record.retracted_by = now, actor_id
    follow_up = await follow_up_of(session=session, record_id=saved_id(record))
    if follow_up is not None and follow_up.status == "open":
        follow_up.status, follow_up.updated_at = "cancelled", now
    for service in await services_of_record(session=session, record_id=saved_id(record)):
        service.withdrawn_at = now  # kept, out of every list and target
    await history_line(session, record, actor_id, now, "log_undo", {"record_id": [record.id, None]})
    return record


async def _current(session: AsyncSession, team_id: str, record_id: int) -> ContactRecord:
    record = await get_record(session=session, team_id=team_id, record_id=record_id)
    if record is None or record.superseded or record.retracted_at is not None:
        raise RecordNotFound(record_id)
    return record


async def history_line(
    session: AsyncSession,
    row: ContactRecord | FollowUp,
    actor_id: str,
    now: datetime,
    action: str,
    changes: dict[str, object],
) -> None:
    """The line of its card's history a record's or a follow-up's change writes."""
    await record_event(
        session=session,
        team_id=row.team_id,
        customer_id=row.customer_id,
        actor_id=actor_id,
        at=now,
        action=action,
        changes=changes,
    )
