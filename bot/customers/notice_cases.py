"""The use case of `/customer notify`: what a project channel hears about its customers.
Changing it is for whoever may change a customer linked to the channel (its manager, their
supervisors, admins)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actor import Actor
from bot.customers.notices import read_notify_text, topics_of
from bot.customers.visibility import gate_of
from bot.errors import Invalid, Message, NotAllowed
from bot.store.briefs import customers_by_id, links_of_channels
from bot.store.db import Database
from bot.store.notices import put_subscription, subscriptions_of


@dataclass(frozen=True)
class NoticeSettings:
    channel: str
    topics: dict[str, bool]
    changed: bool
    withheld: bool  # shared with another organization: batched notices are not posted there


async def configure_notices(
    db: Database, *, actor: Actor, channel_id: str, text: str
) -> NoticeSettings:
    """`/customer notify [#channel] [topic,topic on|off]`."""
    request = read_notify_text(text, here=channel_id)
    async with db.transaction(write=bool(request.changes)) as session:
        links = [
            row
            for row in await links_of_channels(session=session, channels=[request.channel])
            if row.team_id == actor.team_id
        ]
        if not links:
            raise Invalid({"text": Message("notify.not_linked")})
        if request.changes:
            gate = await gate_of(session, actor)
            customers = await customers_by_id(
                session=session, ids=sorted({row.customer_id for row in links})
            )
            changeable = [c for c in customers if await gate.may_edit(c)]
            if not changeable:  # says no card's name: the person may not see them
                raise NotAllowed(Message("notify.not_allowed"))
            for topic, enabled in request.changes.items():
                await put_subscription(
                    session=session,
                    team_id=actor.team_id,
                    channel_id=request.channel,
                    topic=topic,
                    enabled=enabled,
                    actor_id=actor.user_id,
                    now=actor.now,
                )
            await session.flush()
        chosen = await subscriptions_of(
            session=session, team_id=actor.team_id, channels=[request.channel]
        )
        withheld = all(row.shared_externally and row.internal_allowed_at is None for row in links)
        return NoticeSettings(
            request.channel,
            topics_of(chosen.get((actor.team_id, request.channel), {})),
            bool(request.changes),
            withheld,
        )
