"""The card's *Deals*, *Contracts*, *Projects* and *Documents* buttons, and *Show more* on
their pages. Each listener: ack, read, one use case (bot/sales/list_cases.py), build,
respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.commands.actors import actor_of
from bot.commands.card_pages import read_page_value
from bot.commands.customer import Args
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.inflight import InFlight
from bot.sales import list_cases
from bot.views import ids
from bot.views.sales_pages import (
    build_contract_page,
    build_deal_page,
    build_document_page,
    build_project_page,
)


async def deals_listed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
    page = await list_cases.deal_page(
        deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset
    )
    await respond_private(respond, build_deal_page(page, actor.lang))


async def contracts_listed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
    page = await list_cases.contract_page(
        deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset
    )
    await respond_private(respond, build_contract_page(page, actor.lang))


async def projects_listed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
    page = await list_cases.project_page(
        deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset
    )
    await respond_private(respond, build_project_page(page, actor.lang))


async def documents_listed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor, (customer_id, offset) = await actor_of(context), read_page_value(action)
    page = await list_cases.document_page(
        deps_of(context).db, actor=actor, customer_id=customer_id, offset=offset
    )
    await respond_private(respond, build_document_page(page, actor.lang))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.DEALS_MORE)(guarded(inflight, deals_listed))
    app.action(ids.CONTRACTS_MORE)(guarded(inflight, contracts_listed))
    app.action(ids.PROJECTS_MORE)(guarded(inflight, projects_listed))
    app.action(ids.DOCUMENTS_MORE)(guarded(inflight, documents_listed))
