"""Answers shared by the listeners."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import ClientError, ClientSession
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.jobs.client import outside_transaction
from bot.people import Person
from bot.views.blocks import Reply
from bot.views.help import build_help
from bot.views.outgoing import quiet

log = logging.getLogger(__name__)
HELP_WORDS = ("help", "帮助", "?", "-h", "--help")


def person_of(context: AsyncBoltContext) -> Person:
    return context["person"]


async def ack_ephemeral(ack: AsyncAck, reply: Reply) -> None:
    await ack(response_type="ephemeral", **reply.as_message())


async def ack_help(ack: AsyncAck, command: str, context: AsyncBoltContext, word: str) -> None:
    """Usage in the person's language; an unknown word is named back, `help` or nothing is not."""
    unknown = None if word in ("", *HELP_WORDS) else word
    await ack_ephemeral(ack, build_help(command, person_of(context).lang, unknown_word=unknown))


_SESSION: list[ClientSession] = []  # the served process's one HTTP session, when serving


def use_session(session: ClientSession | None) -> None:
    """Replies to response_url go through the process's kept-alive session; Bolt's `respond`
    opens a new HTTP session for every reply."""
    _SESSION.clear()
    if session is not None:
        _SESSION.append(session)


async def respond_private(respond: AsyncRespond, reply: Reply) -> None:
    outside_transaction("response_url")
    message = {"response_type": "ephemeral", "replace_original": False, **reply.as_message()}
    payload = quiet(message, "response_url")
    if _SESSION and not _SESSION[0].closed and respond.response_url:
        try:
            async with _SESSION[0].post(respond.response_url, json=payload) as answer:
                if answer.status < 400:
                    return
                log.warning("response_url answered %s; retrying through Bolt", answer.status)
        except (ClientError, TimeoutError):
            log.warning("response_url post failed; retrying through Bolt", exc_info=True)
    await respond(**payload)


async def tell_user(
    client: AsyncWebClient, *, channel: str | None, user: str, reply: Reply
) -> None:
    """An ephemeral message where the person was; a DM when Rapport cannot post there."""
    if channel:
        try:
            await client.chat_postEphemeral(channel=channel, user=user, **reply.as_message())
            return
        except SlackApiError as error:
            log.info(
                "ephemeral in %s failed (%s); sending a DM", channel, error.response.get("error")
            )
    await client.chat_postMessage(channel=user, **reply.as_message())


async def open_modal(client: AsyncWebClient, trigger_id: str, view: dict[str, Any]) -> None:
    await client.views_open(trigger_id=trigger_id, view=view)
