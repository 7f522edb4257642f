"""Answers shared by the listeners."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.people import Person
from bot.views.blocks import Reply
from bot.views.help import build_help

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


async def respond_private(respond: AsyncRespond, reply: Reply) -> None:
    await respond(response_type="ephemeral", replace_original=False, **reply.as_message())


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
