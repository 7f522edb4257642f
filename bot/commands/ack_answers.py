"""A command answered in the ack itself (issue 17 item 2).

Slack shows a slash command's answer as soon as its ack carries one. A read (`/customer
find`, `/customer show`) or a `/log` line's save that is done within a small budget is
answered there: the person sees it at once, and Rapport makes no second request to
response_url. Work not done in time — a busy queue, a slow database — is acknowledged when
the budget runs out and answered by response_url when it is done, as before: the ack is
never later than the budget, and the work runs once either way. A refusal in time (nothing
typed, no such card) is said in the ack too, by `reported` (bot/commands/errors.py), like
every refusal before an ack.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.commands.capacity import when_turn_comes
from bot.commands.deps import deps_of
from bot.commands.entry import seconds_left
from bot.commands.replies import respond_private
from bot.views.blocks import Reply
from bot.views.outgoing import quiet


async def answer_in_ack(
    ack: AsyncAck,
    context: AsyncBoltContext,
    respond: AsyncRespond,
    read: Coroutine[Any, Any, Reply],
) -> None:
    """The reply `read` makes: in the ack when it is ready within the budget (counted from
    the request's arrival), otherwise by response_url after an empty ack."""
    reading = asyncio.ensure_future(when_turn_comes(context, read))
    left = seconds_left(context, deps_of(context).settings.ack_answer_budget)
    done, _ = await asyncio.wait({reading}, timeout=left)
    if done:  # a refusal or an error raises here, before the ack: said in it
        message = {"response_type": "ephemeral", **reading.result().as_message()}
        await ack(**quiet(message, "slash command answer"))
        return
    await ack()
    await respond_private(respond, await reading)
