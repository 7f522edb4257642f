"""/customer link and unlink (project channels), and Slack's channel_shared and
channel_unshared events, which keep a link's "shared with another organization" up to date.
Slack is asked whether a channel is shared before the use case, and joined after it."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.customers import channel_cases
from bot.inflight import InFlight
from bot.views.channels import build_link_notes, build_linked, build_unlinked

log = logging.getLogger(__name__)


@router.subcommand("link", "关联")
async def link(
    ack: AsyncAck,
    rest: str,
    command: Args,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """`/customer link hp [--allow-external]` in the project channel."""
    await ack()
    channel = command["channel_id"]
    shared = await _shared_with_others(client, channel)
    actor = await actor_of(context)
    done = await channel_cases.link_named(
        deps_of(context).db, actor=actor, channel_id=channel, text=rest, shared=shared
    )
    reply = build_linked(done.linked, done.customer, actor.lang)
    if done.linked.changed:  # the whole channel sees it; the bot joins to post briefs later
        await respond(response_type="in_channel", replace_original=False, **reply.as_message())
        await _join(client, channel)
    else:
        await respond_private(respond, reply)
    notes = build_link_notes(
        done.linked, done.customer, actor.lang, asked_to_allow=done.asked_to_allow
    )
    if notes is not None:
        await respond_private(respond, notes)


@router.subcommand("unlink", "取消关联")
async def unlink(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    done = await channel_cases.unlink_named(
        deps_of(context).db, actor=actor, channel_id=command["channel_id"], text=rest
    )
    reply = build_unlinked(done.changed, done.customer, actor.lang)
    if done.changed:
        await respond(response_type="in_channel", replace_original=False, **reply.as_message())
    else:
        await respond_private(respond, reply)


async def sharing_changed(event: Args, context: AsyncBoltContext) -> None:
    """channel_shared: another organization joined; channel_unshared says whether any
    other is still there (is_ext_shared)."""
    await channel_cases.note_sharing(
        deps_of(context).db,
        team_id=context.team_id or "",
        channel_id=str(event.get("channel", "")),
        shared=event.get("type") == "channel_shared" or bool(event.get("is_ext_shared")),
        now=now_of(context),
    )


async def _shared_with_others(client: AsyncWebClient, channel: str) -> bool | None:
    """Whether Slack says the channel is shared with another organization; None when it
    cannot say (a private channel Rapport is not in, Slack unreachable)."""
    try:
        response = await client.conversations_info(channel=channel)
    except Exception:
        log.info("could not ask Slack whether %s is shared", channel, exc_info=True)
        return None
    info = response.get("channel") or {}
    return bool(info.get("is_ext_shared") or info.get("is_pending_ext_shared"))


async def _join(client: AsyncWebClient, channel: str) -> None:
    try:
        await client.conversations_join(channel=channel)
    except Exception:  # private channels need an invitation; the link stands anyway
        log.info("could not join %s; invite @Rapport to post briefs there", channel)


def register(app: AsyncApp, inflight: InFlight) -> None:
    for event in ("channel_shared", "channel_unshared"):
        app.event(event)(guarded(inflight, sharing_changed))
