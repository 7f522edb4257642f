"""/customer: customer cards. Each handler: ack, read, one domain call, build, respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of, not_allowed
from bot.commands.cards import open_card_modal, reply_for_resolution
from bot.commands.deps import deps_of, now_of
from bot.commands.replies import ack_ephemeral, open_modal, person_of, respond_private
from bot.commands.router import SlashRouter
from bot.customers.cards import set_status
from bot.customers.form import CustomerForm, parse_status_command
from bot.customers.search import find_customers, resolve_customer
from bot.i18n import t
from bot.views.blocks import Reply
from bot.views.customer_card import build_find_results
from bot.views.customer_modal import build_customer_modal

router = SlashRouter("/customer", escaped=True)
Args = dict[str, Any]


@router.subcommand("new", "新建")
async def new(
    ack: AsyncAck,
    rest: str,
    command: Args,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    **_: Any,
) -> None:
    await ack()
    person = person_of(context)
    form = CustomerForm(legal_name=rest, manager_id=person.user_id)
    view = build_customer_modal(person.lang, form, metadata={"channel": command["channel_id"]})
    await open_modal(client, command["trigger_id"], view)


@router.subcommand("find", "查找", "search")
async def find(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    person = person_of(context)
    if not rest:
        await ack_ephemeral(ack, Reply(t("customer.usage_find", person.lang)))
        return
    await ack()
    async with deps_of(context).db.transaction() as session:
        found = await find_customers(
            session=session, team_id=person.team_id, text=rest, gate=await gate_of(context, session)
        )
    await respond_private(respond, build_find_results(found, rest, person.lang))


@router.subcommand("show", "查看")
async def show(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    person = person_of(context)
    if not rest:
        await ack_ephemeral(ack, Reply(t("customer.usage_show", person.lang)))
        return
    await ack()
    async with deps_of(context).db.transaction() as session:
        resolution = await resolve_customer(
            session=session, team_id=person.team_id, text=rest, gate=await gate_of(context, session)
        )
        reply = await reply_for_resolution(session, resolution, rest, context)
    await respond_private(respond, reply)


@router.subcommand("edit", "编辑")
async def edit(**kwargs: Any) -> None:
    await open_card_modal("edit", **kwargs)


@router.subcommand("contact", "联系人")
async def contact(**kwargs: Any) -> None:
    await open_card_modal("contact", **kwargs)


@router.subcommand("status", "状况")
async def status(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    person = person_of(context)
    request = parse_status_command(rest)
    if request is None:
        await ack_ephemeral(ack, Reply(t("customer.usage_status", person.lang)))
        return
    await ack()
    async with deps_of(context).db.transaction(write=True) as session:
        gate = await gate_of(context, session)
        resolution = await resolve_customer(
            session=session, team_id=person.team_id, text=request.customer, gate=gate
        )
        if resolution.customer is None:
            reply = await reply_for_resolution(session, resolution, request.customer, context)
        elif not await gate.may_edit(resolution.customer):
            reply = not_allowed(resolution.customer, person.lang)
        else:
            customer = await set_status(
                session=session,
                team_id=person.team_id,
                actor_id=person.user_id,
                customer_id=resolution.customer.id,
                status=request.status,
                level=request.level,
                now=now_of(context),
            )
            reply = Reply(
                t(
                    "customer.status_set",
                    person.lang,
                    name=customer.legal_name,
                    status=t(f"status.{customer.status}", person.lang),
                    level=customer.level,
                )
            )
    await respond_private(respond, reply)
