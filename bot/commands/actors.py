"""The acting person of a request, as every use case takes it (`actor=`).

`actor_of` is called once the request is acknowledged: it may ask Slack which channels the
person is in (cards shared with a channel are visible to its members), and that must never
delay the ack nor happen inside a database transaction.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.actor import Actor
from bot.commands.deps import deps_of
from bot.commands.replies import person_of

ACTOR = "actor"


def is_admin(context: AsyncBoltContext) -> bool:
    person = person_of(context)
    return person.is_admin or person.user_id in deps_of(context).settings.admins


async def actor_of(context: AsyncBoltContext, *, channels: bool = True) -> Actor:
    """The request's actor, built once (the moment is when the request arrived).

    `channels=False` for a form checked (or saved with a deadline) before its ack: changing
    a card never depends on channel shares (only seeing does), and the ack must not wait for
    Slack (bot/commands/forms.py)."""
    cached = context.get(ACTOR)
    if isinstance(cached, Actor):
        return cached
    person, deps = person_of(context), deps_of(context)
    shared = (
        await deps.people.channels_of(context.client, person.team_id, person.user_id)
        if channels
        else frozenset()
    )
    actor = Actor(
        team_id=person.team_id,
        user_id=person.user_id,
        lang=person.lang,
        tz=person.tz,
        now=deps.clock.now(),
        is_admin=is_admin(context),
        channels=shared,
        name=person.name,
    )
    if channels:
        context[ACTOR] = actor
    return actor


def presser_team_of(body: dict[str, Any]) -> str:
    """The workspace of whoever pressed: another organization's, for a customer's own person
    in a Slack Connect channel ("" when Slack did not say)."""
    return str((body.get("user") or {}).get("team_id") or "")


def channel_of(body: dict[str, Any]) -> str | None:
    """The channel an interaction came from (None: Slack did not say, as from App Home)."""
    return (body.get("channel") or {}).get("id")
