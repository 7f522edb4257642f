"""/log: contact records in one line, or the form. Each listener: ack, read, one use case,
build, respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.ack_answers import answer_in_ack
from bot.commands.actors import actor_of
from bot.commands.deps import deps_of
from bot.commands.replies import open_modal, person_of
from bot.commands.router import SlashRouter
from bot.logs import log_cases
from bot.logs.forms import LogForm
from bot.views.blocks import Reply
from bot.views.log_metadata import LogMetadata
from bot.views.log_modal import build_log_modal
from bot.views.log_replies import build_log_outcome

Args = dict[str, Any]


async def log_one_line(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/log hp 给张总打电话 下一步：发方案 下周五`: what was saved (or asked) said in the ack
    when the line is done within the budget, else by response_url (ack_answers.py)."""
    await answer_in_ack(ack, context, respond, _logged(rest, command["channel_id"], context))


async def _logged(rest: str, channel: str, context: AsyncBoltContext) -> Reply:
    actor = await actor_of(context)
    outcome = await log_cases.log_a_line(
        deps_of(context).db, actor=actor, text=rest, channel=channel
    )
    return build_log_outcome(outcome, actor.lang)


router = SlashRouter("/log", default=log_one_line)


@router.subcommand("")
async def open_form(
    ack: AsyncAck, command: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    metadata = LogMetadata(channel=command["channel_id"])
    view = build_log_modal(person_of(context).lang, LogForm(), metadata)
    await open_modal(client, command["trigger_id"], view)
