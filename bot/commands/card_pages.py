"""*Show more* under a card's cut lists: the next page of its milestones or its open
follow-ups. Each listener: ack, read, one use case (bot/customers/page_cases.py), build,
respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.commands.actors import actor_of
from bot.commands.customer import Args
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.customers import page_cases
from bot.inflight import InFlight
from bot.views import ids
from bot.views.pages import build_follow_up_page, build_milestone_page


def read_page_value(action: Args) -> tuple[int, int]:
    """`<card>:<offset>` → (card id, offset)."""
    customer_id, _, offset = str(action["value"]).partition(":")
    return int(customer_id), int(offset or 0)


async def more_milestones(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
    page = await page_cases.milestone_page(
        deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset
    )
    await respond_private(respond, build_milestone_page(page, actor.lang))


async def more_follow_ups(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
    page = await page_cases.follow_up_page(
        deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset
    )
    await respond_private(respond, build_follow_up_page(page, actor.lang))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.MILESTONES_MORE)(guarded(inflight, more_milestones))
    app.action(ids.FOLLOW_UPS_MORE)(guarded(inflight, more_follow_ups))
