"""/customer notify: what a project channel hears when its customers change. The listener:
ack, read, one use case, build, respond."""

from __future__ import annotations

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.commands.actors import actor_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.replies import respond_private
from bot.customers import notice_cases
from bot.views.notices import build_notice_settings


@router.subcommand("notify", "通知")
async def notify(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer notify [#channel] status,manager on|off` (this channel when none is named)."""
    await ack()
    actor = await actor_of(context)
    settings = await notice_cases.configure_notices(
        deps_of(context).db, actor=actor, channel_id=command["channel_id"], text=rest
    )
    await respond_private(respond, build_notice_settings(settings, actor.lang))
