"""/customer contract, the contract form, Record contract on a won deal, Received on a
payment milestone and Cancel contract. Each listener: ack, read, one use case
(bot/sales/contract_cases.py), build, respond; refusals are told by `reported`."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of, channel_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.inflight import InFlight
from bot.sales import contract_cases
from bot.sales.contract_cases import ContractFormOpen
from bot.views import ids
from bot.views.contract_modal import (
    CancelForm,
    CancelMetadata,
    ContractFormMetadata,
    build_cancel_modal,
    build_contract_modal,
    read_cancel_form,
    read_cancel_metadata,
    read_contract_form,
    read_contract_form_metadata,
)
from bot.views.contracts import build_contract
from bot.views.saving import read_submitted


@router.subcommand("contract", "合同")
async def contract(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer contract hp [number]`: the contract, or the form for a new one."""
    await ack()
    actor = await actor_of(context)
    found = await contract_cases.contract_named(deps_of(context).db, actor=actor, text=rest)
    if isinstance(found, ContractFormOpen):
        meta = ContractFormMetadata(found.customer.id or 0, command["channel_id"])
        view = build_contract_modal(actor.lang, found.form, found.deals, meta)
        await open_modal(context.client, command["trigger_id"], view)
        return
    await respond_private(respond, build_contract(found, actor.lang))


async def contract_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack, so Slack shows the rule a field breaks under it."""
    actor, meta = await actor_of(context, channels=False), read_contract_form_metadata(view)
    saved = await contract_cases.save_contract(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        form=read_contract_form(view),
        submitted=read_submitted(view),
    )
    await ack()
    reply = build_contract(saved, actor.lang, title_key="contract.recorded")
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def record_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Record contract* on a won deal: the form, filled from the deal (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await contract_cases.open_contract_form(
        deps_of(context).db, actor=actor, deal_id=int(action["value"])
    )
    meta = ContractFormMetadata(opened.customer.id or 0, channel_of(body))
    view = build_contract_modal(actor.lang, opened.form, opened.deals, meta)
    await open_modal(context.client, body["trigger_id"], view)


async def new_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*New contract* on a card (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await contract_cases.open_contract_form(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    meta = ContractFormMetadata(opened.customer.id or 0, channel_of(body))
    view = build_contract_modal(actor.lang, opened.form, opened.deals, meta)
    await open_modal(context.client, body["trigger_id"], view)


async def contract_opened(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await contract_cases.show_contract(
        deps_of(context).db, actor=actor, contract_id=int(action["value"])
    )
    await respond_private(respond, build_contract(shown, actor.lang))


async def received_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Received* on a payment milestone (a contract, or its overdue reminder)."""
    await ack()
    actor = await actor_of(context)
    shown = await contract_cases.receivable_received(
        deps_of(context).db, actor=actor, receivable_id=int(action["value"])
    )
    await respond_private(respond, build_contract(shown, actor.lang))


async def cancel_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Cancel contract*: asks why (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    shown = await contract_cases.contract_to_cancel(
        deps_of(context).db, actor=actor, contract_id=int(action["value"])
    )
    meta = CancelMetadata(shown.contract.id or 0, channel_of(body))
    await open_modal(
        context.client, body["trigger_id"], build_cancel_modal(actor.lang, CancelForm(), meta)
    )


async def cancel_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_cancel_metadata(view)
    cancelled = await contract_cases.contract_cancelled(
        deps_of(context).db,
        actor=actor,
        contract_id=meta.contract_id,
        reason=read_cancel_form(view).reason,
    )
    await ack()
    reply = build_contract(cancelled, actor.lang)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.CONTRACT_VIEW)(guarded(inflight, contract_submitted))
    app.view(ids.CONTRACT_CANCEL_VIEW)(guarded(inflight, cancel_submitted))
    app.action(ids.CONTRACT_FROM_DEAL)(guarded(inflight, record_pressed))
    app.action(ids.CONTRACT_NEW)(guarded(inflight, new_pressed))
    app.action(ids.CONTRACT_OPEN)(guarded(inflight, contract_opened))
    app.action(ids.CONTRACT_CANCEL)(guarded(inflight, cancel_pressed))
    received = re.compile(rf"^{re.escape(ids.RECEIVED)}\.\d+$")
    app.action(received)(guarded(inflight, received_pressed))
