"""/customer brief: the weekly brief of the channel it is typed in."""

from __future__ import annotations

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands.actors import actor_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.replies import ack_ephemeral
from bot.due.brief_cases import configure_brief
from bot.views.briefs import build_brief_setting


@router.subcommand("brief", "简报")
async def brief(ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext) -> None:
    """Answered in the ack: one small write, no Slack call (a channel's brief is nobody's
    card, so the person's channels are not asked for)."""
    actor = await actor_of(context, channels=False)
    schedule = await configure_brief(
        deps_of(context).db, actor=actor, channel_id=command["channel_id"], text=rest
    )
    await ack_ephemeral(ack, build_brief_setting(schedule, actor.lang))
