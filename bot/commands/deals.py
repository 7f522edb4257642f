"""/customer deal, the deal form and a deal's buttons. Each listener: ack, read, one use case
(bot/sales/deal_cases.py), build, respond; refusals are told by `reported`."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.inflight import InFlight
from bot.sales import deal_cases, deal_line_cases
from bot.sales.deal_outcomes import DealFormOpen
from bot.views import ids
from bot.views.deal_modal import (
    DealFormMetadata,
    build_deal_modal,
    read_deal_form,
    read_deal_form_metadata,
)
from bot.views.deals import build_deal_outcome, read_deal_pick, read_stage_choice
from bot.views.saving import read_submitted


@router.subcommand("deal", "商机", "销售机会")
async def deal(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer deal hp ERP升级 120万 报价 12月31日 下一步：发方案 下周五`, or the form."""
    await ack()
    actor = await actor_of(context)
    outcome = await deal_line_cases.deal_named_in_line(deps_of(context).db, actor=actor, text=rest)
    if isinstance(outcome, DealFormOpen):
        await _open(outcome, command["channel_id"], command["trigger_id"], actor, context)
        return
    await respond_private(respond, build_deal_outcome(outcome, actor.lang, actor.tz))


async def deal_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack, so Slack shows the form's refusals under its fields."""
    actor, meta = await actor_of(context, channels=False), read_deal_form_metadata(view)
    saved = await deal_cases.save_deal_form(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        deal_id=meta.deal_id,
        form=read_deal_form(view),
        submitted=read_submitted(view),
    )
    await ack()
    reply = build_deal_outcome(saved, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def stage_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A stage button of a deal (`respond`: where a refusal is told)."""
    await ack()
    actor, choice = await actor_of(context), read_stage_choice(action)
    saved = await deal_cases.move_deal(
        deps_of(context).db, actor=actor, deal_id=choice.deal_id, stage=choice.stage
    )
    await respond_private(respond, build_deal_outcome(saved, actor.lang, actor.tz))


async def confirm_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Save with this close date* under a line whose close date has passed."""
    await ack()
    actor = await actor_of(context)
    outcome = await deal_line_cases.confirm_deal_line(
        deps_of(context).db, actor=actor, draft_id=int(action["value"])
    )
    await respond_private(respond, build_deal_outcome(outcome, actor.lang, actor.tz))


async def deal_picked(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A deal picked under "which one?" (or a new one): the line that asked is applied."""
    await ack()
    actor, pick = await actor_of(context), read_deal_pick(action)
    outcome = await deal_line_cases.apply_line_to_deal(
        deps_of(context).db, actor=actor, draft_id=pick.draft_id, deal_id=pick.deal_id
    )
    if isinstance(outcome, DealFormOpen):  # a new deal's name alone: its form
        channel = (body.get("channel") or {}).get("id")
        await _open(outcome, channel, body["trigger_id"], actor, context)
        return
    await respond_private(respond, build_deal_outcome(outcome, actor.lang, actor.tz))


async def deal_opened(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await deal_cases.show_deal(
        deps_of(context).db, actor=actor, deal_id=int(action["value"])
    )
    await respond_private(respond, build_deal_outcome(shown, actor.lang, actor.tz))


async def edit_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Edit* on a deal: its form, for who may change it (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await deal_cases.open_deal_form(
        deps_of(context).db, actor=actor, deal_id=int(action["value"])
    )
    await _open(opened, (body.get("channel") or {}).get("id"), body["trigger_id"], actor, context)


async def new_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*New deal* on a card (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await deal_cases.open_deal_form(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await _open(opened, (body.get("channel") or {}).get("id"), body["trigger_id"], actor, context)


async def _open(
    opened: DealFormOpen,
    channel: str | None,
    trigger_id: str,
    actor: Actor,
    context: AsyncBoltContext,
) -> None:
    meta = DealFormMetadata(opened.customer.id or 0, opened.deal_id, channel)
    view = build_deal_modal(actor.lang, opened.form, opened.pipeline, meta)
    await open_modal(context.client, trigger_id, view)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.DEAL_VIEW)(guarded(inflight, deal_submitted))
    app.action(re.compile(rf"^{re.escape(ids.DEAL_STAGE)}\.\d+$"))(guarded(inflight, stage_pressed))
    app.action(ids.DEAL_CONFIRM)(guarded(inflight, confirm_pressed))
    app.action(ids.DEAL_OPEN)(guarded(inflight, deal_opened))
    app.action(ids.DEAL_PICK)(guarded(inflight, deal_picked))
    app.action(ids.DEAL_EDIT)(guarded(inflight, edit_pressed))
    app.action(ids.DEAL_NEW)(guarded(inflight, new_pressed))
