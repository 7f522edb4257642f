"""*Show more* under a card's cut lists: the next page of its milestones or its open
follow-ups. Each listener: ack, read, one use case (bot/customers/page_cases.py), build,
respond — the same for every card list, so `page_listener` makes them (bot/commands/sales_pages.py
uses it too)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import Args
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.customers import page_cases
from bot.i18n import Lang
from bot.inflight import InFlight
from bot.store.db import Database
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.pages import build_follow_up_page, build_milestone_page


def read_page_value(action: Args) -> tuple[int, int]:
    """`<card>:<offset>` → (card id, offset)."""
    customer_id, _, offset = str(action["value"]).partition(":")
    return int(customer_id), int(offset or 0)


Page = TypeVar("Page")
Page_co = TypeVar("Page_co", covariant=True)


class PageCase(Protocol[Page_co]):
    """A use case answering one page of a card's list for who asks."""

    def __call__(
        self, db: Database, *, actor: Actor, customer_id: int, offset: int
    ) -> Awaitable[Page_co]: ...


def page_listener(
    name: str, case: PageCase[Page], build: Callable[[Page, Lang], Reply]
) -> Callable[[AsyncAck, Args, AsyncBoltContext, AsyncRespond], Awaitable[None]]:
    """The listener of a list button or *Show more*: every card list pages the same way
    (`<card>:<offset>` in the button, one use case, one builder), so one listener serves all."""

    async def listener(
        ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
    ) -> None:
        await ack()
        actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
        page = await case(deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset)
        await respond_private(respond, build(page, actor.lang))

    listener.__name__ = listener.__qualname__ = name  # as the log line names it
    return listener


more_milestones = page_listener("more_milestones", page_cases.milestone_page, build_milestone_page)
more_follow_ups = page_listener("more_follow_ups", page_cases.follow_up_page, build_follow_up_page)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.MILESTONES_MORE)(guarded(inflight, more_milestones))
    app.action(ids.FOLLOW_UPS_MORE)(guarded(inflight, more_follow_ups))
