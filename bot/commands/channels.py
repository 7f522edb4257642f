"""/customer link and unlink (project channels), and Slack's channel_shared and
channel_unshared events, which keep a link's "shared with another organization" up to date."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import is_admin
from bot.commands.customer import router
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.phases import resolved
from bot.commands.replies import person_of, respond_private
from bot.customers.channels import (
    AdminOnly,
    channel_sharing_changed,
    link_channel,
    read_link_text,
    unlink_channel,
)
from bot.inflight import InFlight
from bot.views.channels import build_admin_only, build_link_notes, build_linked, build_unlinked

log = logging.getLogger(__name__)
Body = dict[str, Any]


@router.subcommand("link", "关联")
async def link(
    ack: AsyncAck,
    rest: str,
    command: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    """`/customer link hp [--allow-external]` in the project channel."""
    await ack()
    person, channel = person_of(context), command["channel_id"]
    words, allow = read_link_text(rest)
    shared = await _shared_with_others(client, channel)  # asked before the transaction
    try:
        async with deps_of(context).db.transaction(write=True) as session:
            leading, blocked = await resolved(context, session, words, "link", edit=True)
            if blocked is not None:
                await respond_private(respond, blocked)
                return
            linked = await link_channel(
                session=session,
                team_id=person.team_id,
                actor_id=person.user_id,
                customer_id=leading.customer.id,
                channel_id=channel,
                shared=shared,
                allow_internal=allow,
                actor_is_admin=is_admin(context),
                tz=person.tz.key,
                locale="zh-CN" if person.lang == "zh" else "en-US",
                now=now_of(context),
            )
    except AdminOnly:
        await respond_private(respond, build_admin_only(person.lang))
        return
    reply = build_linked(linked, leading.customer, person.lang)
    if linked.changed:  # the whole channel sees it; the bot joins to post briefs later
        await respond(response_type="in_channel", replace_original=False, text=reply.text)
        await _join(client, channel)
    else:
        await respond_private(respond, reply)
    notes = build_link_notes(linked, leading.customer, person.lang, asked_to_allow=allow)
    if notes is not None:
        await respond_private(respond, notes)


@router.subcommand("unlink", "取消关联")
async def unlink(
    ack: AsyncAck,
    rest: str,
    command: Body,
    context: AsyncBoltContext,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    await ack()
    person, channel = person_of(context), command["channel_id"]
    async with deps_of(context).db.transaction(write=True) as session:
        leading, blocked = await resolved(context, session, rest, "unlink", edit=True)
        if blocked is not None:
            await respond_private(respond, blocked)
            return
        changed = await unlink_channel(
            session=session,
            team_id=person.team_id,
            actor_id=person.user_id,
            customer_id=leading.customer.id,
            channel_id=channel,
            now=now_of(context),
        )
    reply = build_unlinked(changed, leading.customer, person.lang)
    if changed:
        await respond(response_type="in_channel", replace_original=False, text=reply.text)
    else:
        await respond_private(respond, reply)


async def sharing_changed(event: Body, context: AsyncBoltContext) -> None:
    """channel_shared: another organization joined; channel_unshared says whether any
    other is still there (is_ext_shared)."""
    shared = event.get("type") == "channel_shared" or bool(event.get("is_ext_shared"))
    async with deps_of(context).db.transaction(write=True) as session:
        await channel_sharing_changed(
            session=session,
            team_id=context.team_id or "",
            channel_id=str(event.get("channel", "")),
            shared=shared,
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
