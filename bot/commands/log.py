"""/log: contact records in one line, or the form."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of
from bot.commands.deps import deps_of, now_of
from bot.commands.replies import open_modal, person_of, respond_private
from bot.commands.router import SlashRouter
from bot.customers.form import FormInvalid
from bot.logs.intake import log_line
from bot.views.blocks import Reply
from bot.views.customer_errors import render_message
from bot.views.log_modal import build_log_modal
from bot.views.log_replies import build_log_outcome


async def log_one_line(
    ack: AsyncAck,
    rest: str,
    command: dict[str, Any],
    context: AsyncBoltContext,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    """`/log hp 给张总打电话 下一步：发方案 下周五`."""
    await ack()
    person = person_of(context)
    try:
        async with deps_of(context).db.transaction(write=True) as session:
            outcome = await log_line(
                session=session,
                team_id=person.team_id,
                author_id=person.user_id,
                tz=person.tz,
                text=rest,
                now=now_of(context),
                channel=command["channel_id"],
                gate=await gate_of(context, session),
            )
        reply = build_log_outcome(outcome, person.lang)
    except FormInvalid as invalid:
        reply = Reply(" ".join(render_message(m, person.lang) for m in invalid.errors.values()))
    await respond_private(respond, reply)


router = SlashRouter("/log", default=log_one_line)


@router.subcommand("")
async def open_form(
    ack: AsyncAck,
    command: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    **_: Any,
) -> None:
    await ack()
    view = build_log_modal(
        person_of(context).lang, customer=None, metadata={"channel": command["channel_id"]}
    )
    await open_modal(client, command["trigger_id"], view)
