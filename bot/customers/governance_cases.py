"""Use cases of sharing, history, archive, the team and workspace settings: an actor goes
in, the rules stay inside (see card_cases.py for the shape).

Team, settings and restore are for workspace admins: the Slack router refuses others
before the handler runs, and these use cases refuse them again (AdminsOnly), so the
console and the CLI (`rapport team`) follow the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers import governance
from bot.customers.admin_commands import (
    SettingsChange,
    TeamChange,
    read_settings_command,
    read_team_command,
)
from bot.customers.governance import HistoryPage, Target
from bot.customers.leading import resolve_leading_customer
from bot.customers.refusals import AdminsOnly, CardGone, CustomerNotFound
from bot.customers.visibility import Gate, gate_of
from bot.errors import Conflict, Invalid, Message
from bot.store.access import team_members
from bot.store.customers import get_customer, get_customer_by_handle
from bot.store.db import Database
from bot.store.models import Customer, TeamMember
from bot.store.settings import CHANGE_WAIT_KEY, put_setting


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AdminsOnly()


async def leading_customer(session: AsyncSession, actor: Actor, gate: Gate, text: str) -> Customer:
    """The card named by the first words of `text`, as the actor may see it."""
    leading = await resolve_leading_customer(
        session=session, team_id=actor.team_id, text=text, gate=gate
    )
    if leading.customer is None:
        raise CustomerNotFound(leading.words, choices=leading.choices, archived=leading.archived)
    return leading.customer


@dataclass(frozen=True)
class ShareChange:
    customer: Customer
    target: Target  # the person or channel
    sharing: bool  # shared (True) or unshared
    changed: bool  # False: it already was (or was not) shared


async def share_card(db: Database, *, actor: Actor, text: str, sharing: bool) -> ShareChange:
    """`/customer share hp <@U1|li>`, `/customer unshare hp <#C1|sales>`."""
    words, target = governance.split_target(text)
    if target is None or not words:
        raise Invalid({"text": Message("share.usage")})
    change = governance.share if sharing else governance.unshare
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer = await leading_customer(session, actor, gate, words)
        await gate.require_edit(customer)
        changed = await change(
            session=session, customer=customer, target=target, actor_id=actor.user_id, now=actor.now
        )
        return ShareChange(customer, target, sharing, changed)


async def card_history(db: Database, *, actor: Actor, text: str) -> HistoryPage:
    """The newest page of the history of a card the actor may see."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = await leading_customer(session, actor, gate, text)
        return await governance.history_page(session=session, customer=customer, before_id=None)


async def older_history(
    db: Database, *, actor: Actor, customer_id: int, before_id: int
) -> HistoryPage:
    """The "Older changes" button: the next page, if the actor may still see the card."""
    async with db.transaction() as session:
        customer = await get_customer(
            session=session, team_id=actor.team_id, customer_id=customer_id
        )
        if customer is None or not await (await gate_of(session, actor)).sees(customer):
            raise CardGone(customer_id)
        return await governance.history_page(
            session=session, customer=customer, before_id=before_id
        )


async def archive_card(db: Database, *, actor: Actor, text: str) -> Customer:
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer = await leading_customer(session, actor, gate, text)
        await gate.require_edit(customer)
        await governance.archive(
            session=session, customer=customer, actor_id=actor.user_id, now=actor.now
        )
        return customer


async def restore_card(db: Database, *, actor: Actor, handle: str) -> Customer:
    """Admins: an archived card, named by its short name, comes back."""
    require_admin(actor)
    async with db.transaction(write=True) as session:
        customer = await get_customer_by_handle(
            session=session, team_id=actor.team_id, handle=handle.strip()
        )
        if customer is None:
            raise CustomerNotFound(handle.strip())
        if customer.archived_at is None:
            raise Conflict(Message("archive.not_archived", {"name": customer.legal_name}))
        if customer.merged_into is not None:  # restored, it would be a card without its rows
            kept = await get_customer(
                session=session, team_id=actor.team_id, customer_id=customer.merged_into
            )
            kept_name = kept.legal_name if kept is not None else ""
            raise Conflict(
                Message("archive.merged", {"handle": customer.handle, "kept": kept_name})
            )
        await governance.restore(
            session=session, customer=customer, actor_id=actor.user_id, now=actor.now
        )
        return customer


@dataclass(frozen=True)
class TeamAfter:
    """The team as it is after `change` (nothing changed when only shown)."""

    change: TeamChange
    members: list[TeamMember]


async def change_team(db: Database, *, actor: Actor, text: str) -> TeamAfter:
    """`/customer team …` as typed in Slack (see admin_commands.read_team_command)."""
    require_admin(actor)
    return await apply_team_change(db, actor=actor, change=read_team_command(text))


async def apply_team_change(db: Database, *, actor: Actor, change: TeamChange) -> TeamAfter:
    """Admins: set a supervisor (a cycle is refused) or a clearance (0–9), or show the team."""
    require_admin(actor)
    async with db.transaction(write=change.verb != "show") as session:
        if change.verb == "supervisor":
            await governance.set_supervisor(
                session=session,
                team_id=actor.team_id,
                user_id=change.user_id,
                supervisor_id=change.supervisor_id,
                actor_id=actor.user_id,
                now=actor.now,
            )
        elif change.verb == "clearance":
            await governance.set_clearance(
                session=session,
                team_id=actor.team_id,
                user_id=change.user_id,
                clearance=change.clearance,
                actor_id=actor.user_id,
                now=actor.now,
            )
        return TeamAfter(change, await team_members(session=session, team_id=actor.team_id))


@dataclass(frozen=True)
class SettingsAfter:
    change: SettingsChange
    stale_days: dict[str, int]  # every phase's threshold after a `stale` change, else empty


async def change_settings(db: Database, *, actor: Actor, text: str) -> SettingsAfter:
    """Admins: `/customer settings open-level0 on|off`, `… stale <phase> <days>`."""
    require_admin(actor)
    change = read_settings_command(text)
    async with db.transaction(write=True) as session:
        if change.change_wait_days:
            await put_setting(
                session=session,
                team_id=actor.team_id,
                key=CHANGE_WAIT_KEY,
                value={"days": change.change_wait_days},
                actor_id=actor.user_id,
                now=actor.now,
            )
            return SettingsAfter(change, {})
        if change.open_level0 is not None:
            await governance.set_open_level0(
                session=session,
                team_id=actor.team_id,
                enabled=change.open_level0,
                actor_id=actor.user_id,
                now=actor.now,
            )
            return SettingsAfter(change, {})
        limits = await governance.set_stale_days(
            session=session,
            team_id=actor.team_id,
            phase=change.stale_phase,
            days=change.stale_days,
            actor_id=actor.user_id,
            now=actor.now,
        )
        return SettingsAfter(change, limits)
