"""A project's channel in Slack: create it (or join the one picked), invite the project's
people, then link it (bot/sales/project_cases.py `attach_channel`, a transaction of its own:
no Slack call happens inside one) and say hello there. Slack's refusals (a name taken, a
private channel Rapport is not in) are told to the person; the project stands without a
channel until one is set."""

from __future__ import annotations

import logging

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.deps import deps_of
from bot.commands.replies import tell_user
from bot.sales import project_cases
from bot.sales.project_cases import ChannelRequest, ProjectView
from bot.views.projects import build_channel_failed, build_project_welcome

log = logging.getLogger(__name__)


async def open_and_link(
    client: AsyncWebClient,
    context: AsyncBoltContext,
    actor: Actor,
    request: ChannelRequest,
    *,
    reply_to: str | None,
) -> ProjectView | None:
    """The channel made or found, its people invited, linked, greeted; None when Slack
    refused (the person is told why)."""
    try:
        channel, shared = await _channel(client, request)
    except SlackApiError as refused:
        error = str(refused.response.get("error", "?"))
        await tell_user(
            client,
            channel=reply_to,
            user=actor.user_id,
            reply=build_channel_failed(error, actor.lang),
        )
        return None
    await _invite(client, channel, request.invite, bot=context.bot_user_id or "")
    view = await project_cases.attach_channel(
        deps_of(context).db,
        actor=actor,
        project_id=request.project_id,
        channel_id=channel,
        shared=shared,
    )
    try:
        await client.chat_postMessage(
            channel=channel, **build_project_welcome(view, actor.lang).as_message()
        )
    except SlackApiError:
        log.info("could not post in %s; invite @Rapport there", channel)
    return view


async def _channel(client: AsyncWebClient, request: ChannelRequest) -> tuple[str, bool | None]:
    if request.new_name:
        created = await client.conversations_create(
            name=request.new_name, is_private=request.private
        )
        return str(created["channel"]["id"]), False
    try:
        info = await client.conversations_info(channel=request.channel_id)
        found = info.get("channel") or {}
        shared: bool | None = bool(found.get("is_ext_shared") or found.get("is_pending_ext_shared"))
    except SlackApiError:
        shared = None  # Slack cannot say: treated as shared (bot/customers/channels.py)
    try:
        await client.conversations_join(channel=request.channel_id)
    except SlackApiError:  # a private channel needs an invitation; the link stands anyway
        log.info("could not join %s; invite @Rapport to post briefs there", request.channel_id)
    return request.channel_id, shared


async def _invite(
    client: AsyncWebClient, channel: str, users: tuple[str, ...], *, bot: str
) -> None:
    people = [u for u in users if u and u != bot]  # Slack refuses to invite the bot itself
    if not people:
        return
    try:
        await client.conversations_invite(channel=channel, users=",".join(people))
    except SlackApiError as refused:  # already in it, or not invitable: the project stands
        log.info("invite to %s: %s", channel, refused.response.get("error"))
