"""From what a person typed (a line, a modal, a saved message) to a saved contact record,
or to the question Rapport must ask first."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cards import CardNotFound
from bot.customers.leading import resolve_leading_customer
from bot.customers.search import FoundCustomer, Rank
from bot.dates.understand import InThePast, Understood, Unreadable, understand_when
from bot.logs.forms import check_next_step_date
from bot.logs.line import LogLine, read_log_line
from bot.logs.records import LogDraft, Logged, hold, log_contact
from bot.store.as_read import still_as_read
from bot.store.customers import add, get_customer
from bot.store.models import Customer, PendingLog
from bot.store.records import take_pending

if TYPE_CHECKING:
    from bot.customers.visibility import Gate
from bot.store.plans import customers_of_channel
from bot.store.types import saved_id


@dataclass(frozen=True)
class Done:
    logged: Logged
    customer: Customer
    without_reminder: bool = False  # saved so, as asked, though its next step named a date


@dataclass(frozen=True)
class NeedsCustomer:
    text: str  # what was taken for the customer
    choices: list[FoundCustomer]  # empty: unknown; several: ambiguous
    archived: Customer | None = None  # the text names an archived card
    pending_id: int | None = None  # the line is held: choosing a card saves it there
    channel_customer_id: int | None = None  # offered first: the project channel's customer


@dataclass(frozen=True)
class DateProblem:
    pending_id: int
    reading: InThePast | Unreadable


@dataclass(frozen=True)
class NeedsText:
    customer: Customer


Outcome = Done | NeedsCustomer | DateProblem | NeedsText
CHOICES = 6  # the channel's customer and up to five cards the first word could mean


@dataclass(frozen=True)
class Planned:
    """What a line will write, decided from reads alone: saved on `customer` (its text
    `rest`), or held while the person is asked which of `choices` it is for."""

    line: LogLine
    text: str
    words: str
    customer: Customer | None
    rest: str = ""
    choices: list[FoundCustomer] = field(default_factory=list)
    linked: Customer | None = None  # the project channel's customer, offered first


async def log_line(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    tz: ZoneInfo,
    text: str,
    now: datetime,
    channel: str = "",
    gate: Gate | None = None,
) -> Outcome:
    """`hp 给张总打电话 下一步：发方案 下周五` → a record, and a follow-up on Friday next week.
    With a `gate`, only cards its person may see are found."""
    planned = await plan_line(
        session=session, team_id=team_id, text=text, channel=channel, gate=gate
    )
    if not isinstance(planned, Planned):
        return planned
    where = Where(session, team_id, author_id, tz, now, channel)
    return await write_planned(where, planned)


async def plan_line(
    *, session: AsyncSession, team_id: str, text: str, channel: str, gate: Gate | None
) -> Planned | NeedsCustomer:
    """The reads of a line (which card it is for), so that a caller can do them before it
    takes SQLite's write lock for `write_planned`.

    In a project channel the customer may be left out — but only when the line does not
    start with something that names, or closely resembles, another card: then Rapport
    asks, offering the channel's customer first, and saves nothing until it is answered."""
    line = read_log_line(text)
    leading = await resolve_leading_customer(
        session=session, team_id=team_id, text=line.text, gate=gate
    )
    if leading.customer is not None:
        return Planned(line, text, leading.words, leading.customer, leading.rest)
    if leading.archived is not None:
        return NeedsCustomer(leading.words, [], archived=leading.archived)
    linked = await _channel_customer(session, team_id, channel, gate)
    if linked is None:
        if leading.choices:
            return Planned(line, text, leading.words, None, choices=leading.choices)
        return NeedsCustomer(leading.words, [])
    lookalikes = leading.choices  # find's misspellings included: `jinkee` offers Jinke
    if not [f for f in lookalikes if f.customer.id != linked.id]:
        return Planned(line, text, leading.words, linked, line.without_card)
    return Planned(line, text, leading.words, None, choices=lookalikes, linked=linked)


async def write_planned(where: Where, planned: Planned) -> Outcome:
    if planned.customer is not None:
        return await _log_on(where, planned.customer, planned.rest, planned.line)
    return await _ask_which(where, planned.text, planned.words, planned.choices, planned.linked)


async def log_picked(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    tz: ZoneInfo,
    pending_id: int,
    customer_id: int,
    now: datetime,
    gate: Gate | None = None,
) -> Outcome | None:
    """The author chose the card for a held line; None if it was already saved."""
    pending = await take_pending(
        session=session, team_id=team_id, author_id=author_id, pending_id=pending_id
    )
    pick = pending.payload.get("pick") if pending is not None else None
    if pending is None or not isinstance(pick, dict):
        return None
    customer = await get_customer(session=session, team_id=team_id, customer_id=customer_id)
    if (
        customer is None
        or customer_id not in pick["choices"]
        or customer.archived_at is not None
        or (gate is not None and not await gate.sees(customer))
    ):
        raise CardNotFound(customer_id)
    pending.used_at = now
    line = read_log_line(pick["text"])
    # the channel's customer: the first word was part of what happened; another card: it
    # was that card's name
    channel_card = customer_id == pick["channel_customer_id"]
    rest = line.without_card if channel_card else _after_first(line.text)
    where = Where(session, team_id, author_id, tz, now, pick["channel"])
    return await _log_on(where, customer, rest, line)


@dataclass(frozen=True)
class Where:
    session: AsyncSession
    team_id: str
    author_id: str
    tz: ZoneInfo
    now: datetime
    channel: str


async def _ask_which(
    where: Where,
    text: str,
    words: str,
    choices: list[FoundCustomer],
    linked: Customer | None,
) -> NeedsCustomer:
    """Hold the line and ask which card it is for; the channel's customer comes first."""
    if linked is not None:
        others = [f for f in choices if f.customer.id != linked.id]
        choices = [FoundCustomer(linked, Rank.NAME, exact=False), *others]
    choices = choices[:CHOICES]
    pick = {
        "text": text,
        "channel": where.channel,
        "channel_customer_id": linked.id if linked is not None else None,
        "choices": [f.customer.id for f in choices],
    }
    pending = await add(
        session=where.session,
        row=PendingLog(
            team_id=where.team_id,
            author_id=where.author_id,
            payload={"pick": pick},
            created_at=where.now,
        ),
    )
    return NeedsCustomer(
        words,
        choices,
        pending_id=pending.id,
        channel_customer_id=linked.id if linked is not None else None,
    )


def _after_first(text: str) -> str:
    return text.strip().partition(" ")[2].strip() if " " in text.strip() else ""


async def _log_on(where: Where, customer: Customer, rest: str, line: LogLine) -> Outcome:
    session, team_id, channel = where.session, where.team_id, where.channel
    author_id, tz, now = where.author_id, where.tz, where.now
    kind, summary = line.kind_and_summary(rest)
    if not summary:
        return NeedsText(customer)
    draft = LogDraft(
        customer_id=saved_id(customer),
        kind=kind,
        summary=summary,
        next_step=line.next_step,
        source="command",
        source_channel=channel,
    )
    return await log_draft(
        session=session,
        team_id=team_id,
        author_id=author_id,
        tz=tz,
        draft=draft,
        now=now,
        customer=customer,
    )


async def _channel_customer(
    session: AsyncSession, team_id: str, channel: str, gate: Gate | None
) -> Customer | None:
    """The customer of a project channel, when the channel belongs to exactly one."""
    if not channel:
        return None
    linked = await customers_of_channel(session=session, team_id=team_id, channel_id=channel)
    if len(linked) != 1:
        return None
    customer = await get_customer(session=session, team_id=team_id, customer_id=linked[0])
    if customer is None or customer.archived_at is not None:
        return None
    return customer if gate is None or await gate.sees(customer) else None


async def log_draft(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    tz: ZoneInfo,
    draft: LogDraft,
    now: datetime,
    customer: Customer,
    contacted: bool = False,
) -> Done | DateProblem:
    """Save `draft`; a date phrase in its next step becomes the follow-up, unless the draft
    already has one (a date picked in the modal). `contacted`: `customer` is the card as the
    caller's write of its latest contact left it (bot/logs/records.py `log_contact`)."""
    if draft.follow_up_due is None and draft.next_step:
        reading = understand_when(draft.next_step, now=now, tz=tz)
        if contacted and isinstance(reading, InThePast | Unreadable):
            # a form's date is refused on its field, never held (its card is written already)
            check_next_step_date(draft.next_step, tz=tz, now=now)
        if isinstance(reading, InThePast | Unreadable):
            # held for its date on the card it was read for, if that is still as it was read
            # (a /log line's card is read before the write lock is taken)
            if not await still_as_read(session=session, team_id=team_id, as_read=customer):
                raise CardNotFound(saved_id(customer))
            pending = await hold(
                session=session, team_id=team_id, author_id=author_id, draft=draft, now=now
            )
            return DateProblem(saved_id(pending), reading)
        if isinstance(reading, Understood):
            draft = replace(draft, follow_up_due=reading.due)
    logged = await log_contact(
        session=session,
        team_id=team_id,
        author_id=author_id,
        author_tz=tz.key,
        draft=draft,
        now=now,
        as_read=customer,
        contacted=contacted,
    )
    return Done(logged, logged.customer)
