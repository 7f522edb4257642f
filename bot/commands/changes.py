"""/customer change and /customer changes, the change request's forms and buttons, and the
customer's own Confirm / Decline in a shared channel. Each listener: ack, read, one use case
(bot/delivery/), build, respond; refusals are told by `reported`."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of, channel_of, presser_team_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.delivery import change_answers, change_cases, change_forms, change_requests
from bot.delivery.change_answers import CustomerPress
from bot.delivery.change_flow import ChangeStep
from bot.delivery.change_requests import ChangeFormOpen
from bot.inflight import InFlight
from bot.views import ids
from bot.views.change_modal import (
    ChangeFormMetadata,
    build_answer_modal,
    build_change_modal,
    build_evaluation_modal,
    read_answer_form,
    read_change_form,
    read_change_metadata,
    read_evaluation_form,
)
from bot.views.changes import (
    build_asked_customer,
    build_change,
    build_change_list,
    build_customer_answered,
    build_customer_request,
)
from bot.views.saving import read_submitted

log = logging.getLogger(__name__)
# the steps a button takes at once; evaluating and the customer's answer have their forms
PLAIN_STEPS = "implement|verify|reject|withdraw"


@router.subcommand("change", "变更")
async def change(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer change hp add a monthly report`, or `/customer change hp` for the form."""
    await ack()
    actor = await actor_of(context)
    found = await change_requests.change_named_in_line(deps_of(context).db, actor=actor, text=rest)
    if isinstance(found, ChangeFormOpen):
        meta = ChangeFormMetadata(customer_id=found.customer.id or 0, channel=command["channel_id"])
        await open_modal(
            context.client, command["trigger_id"], build_change_modal(actor.lang, found, meta)
        )
        return
    await respond_private(
        respond, build_change(found, actor.lang, actor.tz, title_key="change.created")
    )


@router.subcommand("changes", "变更列表")
async def changes(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer changes hp`: the card's change requests."""
    await ack()
    actor = await actor_of(context)
    listed = await change_requests.list_changes(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_change_list(listed, actor.lang))


async def change_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack, so Slack shows refusals under the fields."""
    actor, meta = await actor_of(context, channels=False), read_change_metadata(view)
    saved = await change_requests.save_change_form(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        form=read_change_form(view),
        submitted=read_submitted(view),
    )
    await ack()
    reply = build_change(saved, actor.lang, actor.tz, title_key="change.created")
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def new_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*New change request* on a card or a list (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await change_requests.open_change_form(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    meta = ChangeFormMetadata(customer_id=opened.customer.id or 0, channel=channel_of(body))
    await open_modal(
        context.client, body["trigger_id"], build_change_modal(actor.lang, opened, meta)
    )


async def list_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    listed = await change_requests.list_changes(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await respond_private(respond, build_change_list(listed, actor.lang))


async def change_opened(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await change_cases.show_change(
        deps_of(context).db, actor=actor, change_id=int(action["value"])
    )
    await respond_private(respond, build_change(shown, actor.lang, actor.tz))


async def step_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Implemented, verified, rejected, withdrawn: steps that need no form."""
    await ack()
    actor = await actor_of(context)
    change_id, _, step = str(action["value"]).partition(":")
    moved = await change_cases.take_change_step(
        deps_of(context).db, actor=actor, change_id=int(change_id), step=ChangeStep(step)
    )
    await respond_private(respond, build_change(moved, actor.lang, actor.tz))


async def evaluate_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    opened = await change_forms.open_change_step_form(
        deps_of(context).db, actor=actor, change_id=int(action["value"]), step=ChangeStep.EVALUATE
    )
    meta = ChangeFormMetadata(change_id=int(action["value"]), channel=channel_of(body))
    await open_modal(
        context.client, body["trigger_id"], build_evaluation_modal(actor.lang, opened, meta)
    )


async def evaluation_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_change_metadata(view)
    moved = await change_forms.evaluate(
        deps_of(context).db, actor=actor, change_id=meta.change_id, form=read_evaluation_form(view)
    )
    await ack()
    await tell_user(
        client,
        channel=meta.channel,
        user=actor.user_id,
        reply=build_change(moved, actor.lang, actor.tz),
    )


async def answer_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Customer confirmed* / *Customer declined*: who answered, recorded by a colleague."""
    await ack()
    actor, confirmed = await actor_of(context), action["action_id"].endswith(".confirm")
    step = ChangeStep.CONFIRM if confirmed else ChangeStep.DECLINE
    opened = await change_forms.open_change_step_form(
        deps_of(context).db, actor=actor, change_id=int(action["value"]), step=step
    )
    meta = ChangeFormMetadata(
        change_id=int(action["value"]), confirmed=confirmed, channel=channel_of(body)
    )
    await open_modal(
        context.client, body["trigger_id"], build_answer_modal(actor.lang, opened, meta)
    )


async def answer_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_change_metadata(view)
    moved = await change_forms.record_answer(
        deps_of(context).db,
        actor=actor,
        change_id=meta.change_id,
        confirmed=meta.confirmed,
        form=read_answer_form(view),
    )
    await ack()
    await tell_user(
        client,
        channel=meta.channel,
        user=actor.user_id,
        reply=build_change(moved, actor.lang, actor.tz),
    )


async def ask_pressed(
    ack: AsyncAck,
    action: Args,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """*Ask the customer*: the request goes to the channel shared with them."""
    await ack()
    actor = await actor_of(context)
    asked = await change_answers.ask_customer(
        deps_of(context).db, actor=actor, change_id=int(action["value"])
    )
    await client.chat_postMessage(
        channel=asked.channel_id, **build_customer_request(asked, actor.lang).as_message()
    )
    await respond_private(respond, build_asked_customer(asked, actor.lang))


async def customer_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Confirm / Decline pressed by one of the customer's people in the shared channel; the
    message then says who answered, for everyone in the channel."""
    await ack()
    actor = await actor_of(context, channels=False)
    press = CustomerPress(
        user_id=actor.user_id,
        user_team_id=presser_team_of(body),
        channel_id=channel_of(body) or "",
        change_id=int(action["value"]),
        confirmed=action["action_id"].endswith(".confirm"),
    )
    answered = await change_answers.answer_as_customer(
        deps_of(context).db, actor=actor, press=press
    )
    reply = build_customer_answered(answered, actor.lang, actor.tz, actor.now)
    await respond(replace_original=True, **reply.as_message())


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.CHANGE_VIEW)(guarded(inflight, change_submitted))
    app.view(ids.CHANGE_EVALUATION_VIEW)(guarded(inflight, evaluation_submitted))
    app.view(ids.CHANGE_ANSWER_VIEW)(guarded(inflight, answer_submitted))
    app.action(ids.CHANGE_NEW)(guarded(inflight, new_pressed))
    app.action(ids.CHANGE_LIST)(guarded(inflight, list_pressed))
    app.action(ids.CHANGE_OPEN)(guarded(inflight, change_opened))
    app.action(ids.CHANGE_EVALUATE)(guarded(inflight, evaluate_pressed))
    app.action(ids.CHANGE_ASK_CUSTOMER)(guarded(inflight, ask_pressed))
    app.action(re.compile(rf"^{re.escape(ids.CHANGE_STEP)}\.({PLAIN_STEPS})$"))(
        guarded(inflight, step_pressed)
    )
    app.action(re.compile(rf"^{re.escape(ids.CHANGE_ANSWER)}\.(confirm|decline)$"))(
        guarded(inflight, answer_pressed)
    )
    app.action(re.compile(rf"^{re.escape(ids.CHANGE_CUSTOMER)}\.(confirm|decline)$"))(
        guarded(inflight, customer_pressed)
    )
