"""Use cases of project channels: `/customer link` and `/customer unlink` by an actor, and
Slack's word that a channel was shared with (or unshared from) another organization."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.actor import Actor
from bot.customers.channels import (
    Linked,
    channel_sharing_changed,
    link_channel,
    read_link_text,
    unlink_channel,
)
from bot.customers.phase_cases import leading_customer
from bot.customers.visibility import gate_of
from bot.store.db import Database
from bot.store.models import Customer


@dataclass(frozen=True)
class ChannelLinked:
    customer: Customer
    linked: Linked
    asked_to_allow: bool  # `--allow-external` was given


@dataclass(frozen=True)
class ChannelUnlinked:
    customer: Customer
    changed: bool  # False: the channel was not linked to it


async def link_named(
    db: Database, *, actor: Actor, channel_id: str, text: str, shared: bool | None
) -> ChannelLinked:
    """`/customer link hp [--allow-external]` in `channel_id`. `shared`: whether Slack said
    the channel is shared with another organization (None: it could not say), asked before
    this transaction. Only an admin may allow internal content there (AdminOnly)."""
    words, allow = read_link_text(text)
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer = (await leading_customer(session, actor, gate, words)).customer
        assert customer is not None and customer.id is not None
        await gate.require_edit(customer)
        linked = await link_channel(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer.id,
            channel_id=channel_id,
            shared=shared,
            allow_internal=allow,
            actor_is_admin=actor.is_admin,
            tz=actor.tz.key,
            locale="zh-CN" if actor.lang == "zh" else "en-US",
            now=actor.now,
        )
        return ChannelLinked(customer, linked, allow)


async def unlink_named(
    db: Database, *, actor: Actor, channel_id: str, text: str
) -> ChannelUnlinked:
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer = (await leading_customer(session, actor, gate, text)).customer
        assert customer is not None and customer.id is not None
        await gate.require_edit(customer)
        changed = await unlink_channel(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer.id,
            channel_id=channel_id,
            now=actor.now,
        )
        return ChannelUnlinked(customer, changed)


async def note_sharing(
    db: Database, *, team_id: str, channel_id: str, shared: bool, now: datetime
) -> int:
    """Slack's channel_shared / channel_unshared: the channel's links follow (no person acts;
    Slack's signature vouches for the event). Returns how many links changed."""
    async with db.transaction(write=True) as session:
        return await channel_sharing_changed(
            session=session, team_id=team_id, channel_id=channel_id, shared=shared, now=now
        )
