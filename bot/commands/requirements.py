"""/customer requirement and /customer requirements, the add form, the customer's
confirmation recorded or asked for, and the customer's own Confirm in a shared channel.
Each listener: ack, read, one use case (bot/delivery/requirement_cases.py), build, respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of, channel_of, presser_team_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.delivery import requirement_cases as cases
from bot.delivery.change_cases import ChangeMoved
from bot.delivery.requirement_cases import ListPress, RequirementsShown
from bot.delivery.requirements import read_requirement_form
from bot.inflight import InFlight
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.change_modal import ChangeFormMetadata, read_change_metadata
from bot.views.changes import build_change
from bot.views.requirements import (
    build_confirmation_modal,
    build_requirement_modal,
    build_requirements,
    build_requirements_asked,
    build_requirements_confirmed_by_customer,
    build_requirements_for_customer,
    read_confirmation_modal,
    read_requirement_modal,
)
from bot.views.saving import read_submitted


def _reply(outcome: RequirementsShown | ChangeMoved, actor: Actor) -> Reply:
    """A requirement added, or — the list being confirmed — the change request it became."""
    if isinstance(outcome, ChangeMoved):
        return build_change(outcome, actor.lang, actor.tz, title_key="requirement.became_change")
    return build_requirements(outcome, actor.lang, actor.tz)


@router.subcommand("requirement", "需求")
async def requirement(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer requirement hp 必须 月度报表 验收标准：每月5日前出上月报表`"""
    await ack()
    actor = await actor_of(context)
    added = await cases.add_requirement_line(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, _reply(added, actor))


@router.subcommand("requirements", "需求列表")
async def requirements(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await cases.show_requirements(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_requirements(shown, actor.lang, actor.tz))


async def list_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await cases.show_requirements(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await respond_private(respond, build_requirements(shown, actor.lang, actor.tz))


async def new_pressed(ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext) -> None:
    """*Add requirement*: the form (who may add is checked when it is saved)."""
    await ack()
    actor = await actor_of(context)
    meta = ChangeFormMetadata(customer_id=int(action["value"]), channel=channel_of(body))
    await open_modal(context.client, body["trigger_id"], build_requirement_modal(actor.lang, meta))


async def requirement_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack, so Slack shows refusals under the fields."""
    actor = await actor_of(context, channels=False)
    meta, title, priority, criteria = read_requirement_modal(view)
    added = await cases.add_requirement_form(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        draft=read_requirement_form(title, priority, criteria),
        submitted=read_submitted(view),
    )
    await ack()
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=_reply(added, actor))


async def confirmed_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Customer confirmed* on a draft list: who confirmed, recorded by a colleague."""
    await ack()
    actor = await actor_of(context)
    shown = await cases.open_confirmation(
        deps_of(context).db, actor=actor, list_id=int(action["value"])
    )
    meta = ChangeFormMetadata(change_id=int(action["value"]), channel=channel_of(body))
    await open_modal(
        context.client, body["trigger_id"], build_confirmation_modal(actor.lang, shown, meta)
    )


async def confirmation_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_change_metadata(view)
    shown = await cases.record_confirmation(
        deps_of(context).db, actor=actor, list_id=meta.change_id, form=read_confirmation_modal(view)
    )
    await ack()
    await tell_user(
        client,
        channel=meta.channel,
        user=actor.user_id,
        reply=build_requirements(shown, actor.lang, actor.tz),
    )


async def ask_pressed(
    ack: AsyncAck,
    action: Args,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """*Ask the customer*: the list goes to the channel shared with them."""
    await ack()
    actor = await actor_of(context)
    shown = await cases.ask_customer(deps_of(context).db, actor=actor, list_id=int(action["value"]))
    await client.chat_postMessage(
        channel=shown.channel, **build_requirements_for_customer(shown, actor.lang).as_message()
    )
    await respond_private(respond, build_requirements_asked(shown, actor.lang))


async def customer_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Confirm pressed by one of the customer's people in their shared channel."""
    await ack()
    actor = await actor_of(context, channels=False)
    press = ListPress(
        user_id=actor.user_id,
        user_team_id=presser_team_of(body),
        channel_id=channel_of(body) or "",
        list_id=int(action["value"]),
    )
    shown = await cases.confirmed_by_customer(deps_of(context).db, actor=actor, press=press)
    reply = build_requirements_confirmed_by_customer(shown, actor.lang, actor.tz)
    await respond(replace_original=True, **reply.as_message())


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.REQUIREMENT_VIEW)(guarded(inflight, requirement_submitted))
    app.view(ids.REQUIREMENTS_CONFIRMED_VIEW)(guarded(inflight, confirmation_submitted))
    app.action(ids.REQUIREMENT_NEW)(guarded(inflight, new_pressed))
    app.action(ids.REQUIREMENT_LIST)(guarded(inflight, list_pressed))
    app.action(ids.REQUIREMENTS_CONFIRMED)(guarded(inflight, confirmed_pressed))
    app.action(ids.REQUIREMENTS_ASK)(guarded(inflight, ask_pressed))
    app.action(ids.REQUIREMENTS_CUSTOMER)(guarded(inflight, customer_pressed))
