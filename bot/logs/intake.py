"""From what a person typed (a line, a modal, a saved message) to a saved contact record,
or to the question Rapport must ask first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.search import FoundCustomer, resolve_leading_customer
from bot.dates.understand import InThePast, Understood, Unreadable, understand_when
from bot.logs.line import read_log_line, split_kind
from bot.logs.records import LogDraft, Logged, hold, log_contact
from bot.store.customers import get_customer
from bot.store.models import Customer

if TYPE_CHECKING:
    from bot.customers.visibility import Gate
from bot.store.plans import customers_of_channel


@dataclass(frozen=True)
class Done:
    logged: Logged
    customer: Customer


@dataclass(frozen=True)
class NeedsCustomer:
    text: str  # what was taken for the customer
    choices: list[FoundCustomer]  # empty: unknown; several: ambiguous


@dataclass(frozen=True)
class DateProblem:
    pending_id: int
    reading: InThePast | Unreadable


@dataclass(frozen=True)
class NeedsText:
    customer: Customer


Outcome = Done | NeedsCustomer | DateProblem | NeedsText


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
    line = read_log_line(text)
    leading = await resolve_leading_customer(
        session=session, team_id=team_id, text=line.text, gate=gate
    )
    customer, rest = leading.customer, leading.rest
    if customer is None and (linked := await _channel_customer(session, team_id, channel, gate)):
        customer, rest = linked, line.text  # a project channel: the customer may be left out
    if customer is None:
        return NeedsCustomer(leading.words, leading.choices)
    kind, summary = split_kind(rest)
    if not summary:
        return NeedsText(customer)
    draft = LogDraft(
        customer_id=customer.id,
        kind=kind or line.kind,
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
    return customer if customer and (gate is None or await gate.sees(customer)) else None


async def log_draft(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    tz: ZoneInfo,
    draft: LogDraft,
    now: datetime,
    customer: Customer,
) -> Done | DateProblem:
    """Save `draft`; a date phrase in its next step becomes the follow-up, unless the draft
    already has one (a date picked in the modal)."""
    if draft.follow_up_due is None and draft.next_step:
        reading = understand_when(draft.next_step, now=now, tz=tz)
        if isinstance(reading, InThePast | Unreadable):
            pending = await hold(
                session=session, team_id=team_id, author_id=author_id, draft=draft, now=now
            )
            return DateProblem(pending.id, reading)
        if isinstance(reading, Understood):
            draft = replace(draft, follow_up_due=reading.due)
    logged = await log_contact(
        session=session,
        team_id=team_id,
        author_id=author_id,
        author_tz=tz.key,
        draft=draft,
        now=now,
    )
    return Done(logged, customer)
