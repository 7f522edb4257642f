"""Sharing, the team tree and clearances, workspace settings, archive and history."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_writes import record_change
from bot.customers.form import FormInvalid, Message
from bot.customers.visibility import team_tree
from bot.store.access import VISIBILITY_KEY, active_share, member
from bot.store.card_history import list_events
from bot.store.customers import add, contact_names, record_summaries
from bot.store.forecast_totals import move_card
from bot.store.models import CardShare, Customer, CustomerEvent, TeamMember
from bot.store.settings import DEFAULT_STALE_DAYS, STALE_KEY, put_setting
from bot.store.types import saved_id

_USER = re.compile(r"<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9_]+)(?:\|[^>]*)?>")
MAX_CLEARANCE = 9
HISTORY_PAGE = 10  # events per message


@dataclass(frozen=True)
class Target:
    kind: str  # user | channel
    id: str


def read_target(text: str) -> Target | None:
    """`<@U123|li>` or `<#C123|sales>` as Slack sends an escaped mention."""
    if match := _USER.search(text):
        return Target("user", match[1])
    if match := _CHANNEL.search(text):
        return Target("channel", match[1])
    return None


def split_target(text: str) -> tuple[str, Target | None]:
    """`hp <@U123|li>` → ("hp", user U123)."""
    target = read_target(text)
    rest = _CHANNEL.sub("", _USER.sub("", text)).strip()
    return rest, target


@dataclass(frozen=True)
class HistoryPage:
    """One page of a card's history, newest first, with the names its ids stand for."""

    customer: Customer
    events: list[CustomerEvent]  # one more than a page when older events exist
    contacts: dict[int, str]  # contact id → name
    records: dict[int, str]  # contact record id → what happened
    continued: bool  # an older page of a history already shown


async def history_page(
    *, session: AsyncSession, customer: Customer, before_id: int | None
) -> HistoryPage:
    events = await list_events(
        session=session, customer_id=saved_id(customer), limit=HISTORY_PAGE + 1, before_id=before_id
    )
    return HistoryPage(
        customer=customer,
        events=events,
        contacts=await contact_names(session=session, contact_ids=_ids(events, "contact_id")),
        records=await record_summaries(session=session, record_ids=_ids(events, "record_id")),
        continued=before_id is not None,
    )


def _ids(events: list[CustomerEvent], field: str) -> set[int]:
    found: set[int] = set()
    for event in events:
        change = event.changes.get(field)
        found.update(v for v in (change if isinstance(change, list) else []) if type(v) is int)
    return found


async def share(
    *, session: AsyncSession, customer: Customer, target: Target, actor_id: str, now: datetime
) -> bool:
    if await active_share(
        session=session, customer_id=saved_id(customer), kind=target.kind, target=target.id
    ):
        return False
    await add(
        session=session,
        row=CardShare(
            team_id=customer.team_id,
            customer_id=saved_id(customer),
            kind=target.kind,
            target=target.id,
            shared_by=actor_id,
            shared_at=now,
        ),
    )
    await record_change(session, customer, actor_id, now, "share", {target.kind: [None, target.id]})
    return True


async def unshare(
    *, session: AsyncSession, customer: Customer, target: Target, actor_id: str, now: datetime
) -> bool:
    found = await active_share(
        session=session, customer_id=saved_id(customer), kind=target.kind, target=target.id
    )
    if found is None:
        return False
    found.revoked_at, found.revoked_by = now, actor_id
    await record_change(
        session, customer, actor_id, now, "unshare", {target.kind: [target.id, None]}
    )
    return True


async def set_supervisor(
    *,
    session: AsyncSession,
    team_id: str,
    user_id: str,
    supervisor_id: str | None,
    actor_id: str,
    now: datetime,
) -> TeamMember:
    tree = await team_tree(session, team_id)
    if supervisor_id and tree.would_cycle(user_id, supervisor_id):
        raise FormInvalid({"supervisor": Message("team.cycle")})
    row = await member(session=session, team_id=team_id, user_id=user_id)
    row.supervisor_id, row.updated_by, row.updated_at = supervisor_id, actor_id, now
    session.add(row)
    return row


async def set_clearance(
    *,
    session: AsyncSession,
    team_id: str,
    user_id: str,
    clearance: int,
    actor_id: str,
    now: datetime,
) -> TeamMember:
    if not 0 <= clearance <= MAX_CLEARANCE:
        raise FormInvalid(
            {
                "clearance": Message(
                    "field.security_level.invalid", {"low": 0, "high": MAX_CLEARANCE}
                )
            }
        )
    row = await member(session=session, team_id=team_id, user_id=user_id)
    row.clearance, row.updated_by, row.updated_at = clearance, actor_id, now
    session.add(row)
    return row


async def set_open_level0(
    *, session: AsyncSession, team_id: str, enabled: bool, actor_id: str, now: datetime
) -> None:
    await put_setting(
        session=session,
        team_id=team_id,
        key=VISIBILITY_KEY,
        value={"open_level0": enabled},
        actor_id=actor_id,
        now=now,
    )


async def set_stale_days(
    *, session: AsyncSession, team_id: str, phase: str, days: int, actor_id: str, now: datetime
) -> dict[str, int]:
    from bot.store.models import WorkspaceSetting

    if phase not in DEFAULT_STALE_DAYS or not 1 <= days <= 365:
        raise FormInvalid({"stale": Message("settings.stale_invalid")})
    row = await session.get(WorkspaceSetting, (team_id, STALE_KEY))
    limits = {**DEFAULT_STALE_DAYS, **(row.value if row else {}), phase: days}
    await put_setting(
        session=session, team_id=team_id, key=STALE_KEY, value=limits, actor_id=actor_id, now=now
    )
    return limits


async def archive(
    *, session: AsyncSession, customer: Customer, actor_id: str, now: datetime
) -> None:
    await session.refresh(customer, with_for_update=True)  # its deals' changes wait
    if customer.archived_at is None:  # its open deals leave the forecast's totals
        await move_card(session=session, customer_id=saved_id(customer), sign=-1)
    customer.archived_at, customer.updated_at, customer.updated_by = now, now, actor_id
    customer.identity_key = None  # a new card of the same company may be created again
    await record_change(session, customer, actor_id, now, "archive", {"archived": [False, True]})


async def restore(
    *, session: AsyncSession, customer: Customer, actor_id: str, now: datetime
) -> None:
    await session.refresh(customer, with_for_update=True)  # its deals' changes wait
    if customer.archived_at is not None:  # its open deals count again
        await move_card(session=session, customer_id=saved_id(customer), sign=1)
    customer.archived_at, customer.updated_at, customer.updated_by = None, now, actor_id
    await record_change(session, customer, actor_id, now, "restore", {"archived": [True, False]})
