"""/customer: customer cards. Each listener: ack, read, one use case, build, respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.ack_answers import answer_in_ack
from bot.commands.actors import actor_of
from bot.commands.cards import card_modal, card_reply
from bot.commands.deps import deps_of
from bot.commands.replies import open_modal, person_of, respond_private
from bot.commands.router import SlashRouter
from bot.customers import card_cases
from bot.customers.form import CustomerForm
from bot.views.blocks import Reply
from bot.views.customer_card import build_find_results
from bot.views.customer_modal import build_customer_modal
from bot.views.status import build_status_set

router = SlashRouter("/customer", escaped=True)
Args = dict[str, Any]


@router.subcommand("new", "新建")
async def new(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    person = person_of(context)
    form = CustomerForm(legal_name=rest, manager_id=person.user_id)
    view = build_customer_modal(person.lang, form, metadata={"channel": command["channel_id"]})
    await open_modal(client, command["trigger_id"], view)


@router.subcommand("find", "查找", "search")
async def find(ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    await answer_in_ack(ack, context, respond, _found(rest, context))


async def _found(rest: str, context: AsyncBoltContext) -> Reply:
    actor = await actor_of(context)
    found = await card_cases.find_cards(deps_of(context).db, actor=actor, text=rest)
    return build_find_results(found.found, rest, actor.lang, health=found.health, more=found.more)


@router.subcommand("show", "查看")
async def show(ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    await answer_in_ack(ack, context, respond, _shown(rest, context))


async def _shown(rest: str, context: AsyncBoltContext) -> Reply:
    actor = await actor_of(context)
    card = await card_cases.show_card(deps_of(context).db, actor=actor, text=rest)
    return card_reply(card, context)


@router.subcommand("edit", "编辑")
async def edit(**kwargs: Any) -> None:
    await _open_card_form("edit", **kwargs)


@router.subcommand("contact", "联系人")
async def contact(**kwargs: Any) -> None:
    await _open_card_form("contact", **kwargs)


async def _open_card_form(
    kind: str, ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, **_: Any
) -> None:
    """`/customer edit X`, `/customer contact X`: the form of a card the person may change."""
    await ack()
    actor = await actor_of(context)
    card = await card_cases.card_to_change(
        deps_of(context).db, actor=actor, text=rest, usage=f"customer.usage_{kind}"
    )
    view = card_modal(kind, card.customer, actor.lang, command["channel_id"])
    await open_modal(context.client, command["trigger_id"], view)


@router.subcommand("status", "状况")
async def status(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    customer = await card_cases.change_status(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_status_set(customer, actor.lang))
