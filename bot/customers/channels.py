"""Project channels of a customer: linking, unlinking, and channels shared with another
organization (Slack Connect).

A channel shared with the customer gets only what the customer may read — the phase, its
milestones, counts — unless an admin allowed internal content there for that link; the full
brief goes to whoever linked it, by DM. When Slack cannot say whether a channel is shared,
it is treated as shared: a brief with less in it is the safer mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cards import card_seen
from bot.customers.schedules import ensure_weekly
from bot.errors import Message, NotAllowed
from bot.store.card_history import record_event
from bot.store.models import ChannelLink

ALLOW_FLAGS = ("--allow-external", "—allow-external", "--允许外部")


class AdminOnly(NotAllowed):
    """Only an admin may allow internal content in a channel shared with another
    organization."""

    def __init__(self) -> None:
        super().__init__(Message("link.allow_admin_only"))


@dataclass(frozen=True)
class Linked:
    changed: bool  # a new link (False: the channel already was linked)
    shared: bool  # shared with another organization, or not known to be private
    checked: bool  # Slack said whether it is shared
    allowed_by: str  # the admin who allowed internal content there ("" if none did)
    allowed_now: bool  # …by this request


def read_link_text(text: str) -> tuple[str, bool]:
    """`hp --allow-external` → ("hp", True): the customer words, and whether an admin asks
    to allow internal content in this shared channel."""
    words = text.split()
    allow = any(word.lower() in ALLOW_FLAGS for word in words)
    return " ".join(w for w in words if w.lower() not in ALLOW_FLAGS), allow


def internal_withheld(shared_externally: bool, internal_allowed_at: datetime | None) -> bool:
    return shared_externally and internal_allowed_at is None


async def link_channel(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    channel_id: str,
    shared: bool | None,
    allow_internal: bool = False,
    actor_is_admin: bool = False,
    tz: str = "UTC",
    locale: str = "en-US",
    now: datetime,
) -> Linked:
    """Link (or re-check) the channel. `shared`: what Slack said (None: it could not say).
    The channel's weekly brief is scheduled in the same transaction, in the linker's zone."""
    if allow_internal and not actor_is_admin:
        raise AdminOnly()
    await card_seen(session=session, team_id=team_id, customer_id=customer_id)
    link = await active_link(
        session=session, team_id=team_id, customer_id=customer_id, channel_id=channel_id
    )
    changed = link is None
    if link is None:
        link = ChannelLink(
            team_id=team_id,
            customer_id=customer_id,
            channel_id=channel_id,
            linked_by=actor_id,
            linked_at=now,
        )
    link.shared_externally = shared is not False
    link.shared_checked_at = now if shared is not None else None
    session.add(link)
    if changed:
        await record_event(
            session=session,
            team_id=team_id,
            customer_id=customer_id,
            actor_id=actor_id,
            at=now,
            action="channel_link",
            changes={"channel": [None, channel_id]},
        )
    allowed_now = allow_internal and link.shared_externally and link.internal_allowed_at is None
    if allowed_now:
        link.internal_allowed_by, link.internal_allowed_at = actor_id, now
        await record_event(
            session=session,
            team_id=team_id,
            customer_id=customer_id,
            actor_id=actor_id,
            at=now,
            action="channel_internal_allowed",
            changes={"channel": [channel_id, channel_id], "internal_content": [False, True]},
        )
    await session.flush()
    await ensure_weekly(
        session=session,
        team_id=team_id,
        kind="brief",
        target=channel_id,
        tz=tz,
        locale=locale,
        first_after=now,
        actor_id=actor_id,
    )
    return Linked(
        changed=changed,
        shared=link.shared_externally,
        checked=shared is not None,
        allowed_by=link.internal_allowed_by if link.internal_allowed_at else "",
        allowed_now=allowed_now,
    )


async def unlink_channel(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    channel_id: str,
    now: datetime,
) -> bool:
    link = await active_link(
        session=session, team_id=team_id, customer_id=customer_id, channel_id=channel_id
    )
    if link is None:
        return False
    link.unlinked_at, link.unlinked_by = now, actor_id
    await record_event(
        session=session,
        team_id=team_id,
        customer_id=customer_id,
        actor_id=actor_id,
        at=now,
        action="channel_unlink",
        changes={"channel": [channel_id, None]},
    )
    return True


async def channel_sharing_changed(
    *, session: AsyncSession, team_id: str, channel_id: str, shared: bool, now: datetime
) -> int:
    """Slack said the channel was shared with, or no longer with, another organization
    (channel_shared / channel_unshared events): its links follow. Returns how many."""
    query = select(ChannelLink).where(
        ChannelLink.team_id == team_id,
        ChannelLink.channel_id == channel_id,
        col(ChannelLink.unlinked_at).is_(None),
    )
    links = list((await session.exec(query)).all())
    for link in links:
        link.shared_externally, link.shared_checked_at = shared, now
        session.add(link)
    return len(links)


async def active_link(
    *, session: AsyncSession, team_id: str, customer_id: int, channel_id: str
) -> ChannelLink | None:
    query = select(ChannelLink).where(
        ChannelLink.team_id == team_id,
        ChannelLink.customer_id == customer_id,
        ChannelLink.channel_id == channel_id,
        col(ChannelLink.unlinked_at).is_(None),
    )
    return (await session.exec(query)).first()
