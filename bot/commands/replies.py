"""Answers shared by the listeners."""

from __future__ import annotations

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.people import Person
from bot.views.blocks import Reply
from bot.views.help import build_help


def person_of(context: AsyncBoltContext) -> Person:
    return context["person"]


async def ack_ephemeral(ack: AsyncAck, reply: Reply) -> None:
    await ack(response_type="ephemeral", **reply.as_message())


async def ack_help(ack: AsyncAck, command: str, context: AsyncBoltContext, word: str) -> None:
    """Usage in the person's language; an unknown word is named back, `help` or nothing is not."""
    unknown = None if word in ("", "help", "帮助", "?") else word
    await ack_ephemeral(ack, build_help(command, person_of(context).lang, unknown_word=unknown))
