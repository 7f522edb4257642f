"""The /log form, the "Log to customer" shortcut and its form, the card chosen for a held
line, Log contact on a card, and the forms' customer and contact selects. Each listener:
ack, read, one use case, build, respond."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.forms import saved_in_time
from bot.commands.home import refresh_home_if
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.inflight import InFlight
from bot.logs import log_cases
from bot.logs.forms import LogForm
from bot.logs.log_cases import SavedMessage
from bot.views import ids
from bot.views.log_metadata import (
    LogMetadata,
    MessageMetadata,
    read_log_metadata,
    read_message_metadata,
)
from bot.views.log_modal import (
    build_log_modal,
    build_message_modal,
    contact_options,
    customer_options,
    read_chosen_customer,
    read_log_form,
    read_message_form,
)
from bot.views.log_replies import build_log_outcome, read_pick
from bot.views.saving import read_submitted

Body = dict[str, Any]


async def log_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The /log form: its answer may need the database (a card gone is an error on its
    field), so it is saved with a deadline (bot/commands/forms.py). Its actor has their
    channels: anyone who sees a card (a channel share too) may log on it."""
    actor, meta = await actor_of(context), read_log_metadata(view)
    saving = log_cases.log_from_form(
        deps_of(context).db, actor=actor, form=read_log_form(view), submitted=read_submitted(view)
    )
    outcome = await saved_in_time(ack, context, actor.lang, saving)
    reply = build_log_outcome(outcome, actor.lang)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)
    await refresh_home_if(meta.from_home, client, context)


async def message_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The "Log to customer" form: the held message goes on the card chosen, saved with a
    deadline as the /log form is."""
    actor, meta = await actor_of(context), read_message_metadata(view)
    saving = log_cases.log_message(
        deps_of(context).db,
        actor=actor,
        pending_id=meta.pending_id,
        form=read_message_form(view),
    )
    outcome = await saved_in_time(ack, context, actor.lang, saving)
    reply = build_log_outcome(outcome, actor.lang)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def log_message_shortcut(
    ack: AsyncAck, body: Body, shortcut: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Message shortcut "Log to customer": hold the message, then ask which customer."""
    await ack()
    actor = await actor_of(context)
    message = await _with_permalink(client, _saved_message(shortcut))
    pending_id = await log_cases.hold_message(deps_of(context).db, actor=actor, message=message)
    view = build_message_modal(
        actor.lang,
        message_text=message.text,
        metadata=MessageMetadata(pending_id=pending_id, channel=message.channel),
    )
    await open_modal(client, body["trigger_id"], view)


def _saved_message(shortcut: Body) -> SavedMessage:
    message = shortcut.get("message", {})
    return SavedMessage(
        text=message.get("text", ""),
        channel=shortcut.get("channel", {}).get("id", ""),
        ts=message.get("ts", ""),
        author_id=message.get("user", ""),
    )


async def _with_permalink(client: AsyncWebClient, message: SavedMessage) -> SavedMessage:
    try:
        response = await client.chat_getPermalink(channel=message.channel, message_ts=message.ts)
    except Exception:  # the record is still worth keeping without its link
        return message
    return replace(message, permalink=str(response.get("permalink", "")))


async def customer_picked(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A held /log line: its author chose the card it is for."""
    await ack()
    actor = await actor_of(context)
    pending_id, customer_id = read_pick(action["value"])
    outcome = await log_cases.pick_customer(
        deps_of(context).db, actor=actor, pending_id=pending_id, customer_id=customer_id
    )
    await respond_private(respond, build_log_outcome(outcome, actor.lang))


async def log_from_card_pressed(
    ack: AsyncAck, body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Log contact on a card: the /log form on that card."""
    await ack()
    actor = await actor_of(context)
    customer = await log_cases.card_to_log_on(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    metadata = LogMetadata(channel=(body.get("channel") or {}).get("id"))
    form = LogForm(customer_id=str(customer.id))
    view = build_log_modal(actor.lang, form, metadata, customer=customer)
    await open_modal(client, body["trigger_id"], view)


async def customer_choices(ack: AsyncAck, body: Body, context: AsyncBoltContext) -> None:
    """The forms' customer select: answered in the ack, so the actor is read before it."""
    actor = await actor_of(context)
    found = await log_cases.customer_choices(
        deps_of(context).db, actor=actor, typed=body.get("value", "")
    )
    await ack(options=customer_options(found))


async def contact_choices(ack: AsyncAck, body: Body, context: AsyncBoltContext) -> None:
    """The contacts of the customer chosen above, filtered by what is typed."""
    actor = await actor_of(context)
    contacts = await log_cases.contact_choices(
        deps_of(context).db,
        actor=actor,
        customer_id=read_chosen_customer(body.get("view", {})),
        typed=body.get("value", ""),
    )
    await ack(options=contact_options(contacts))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.LOG_VIEW)(guarded(inflight, log_submitted))
    app.view(ids.LOG_MESSAGE_VIEW)(guarded(inflight, message_submitted))
    app.shortcut(ids.LOG_MESSAGE_SHORTCUT)(guarded(inflight, log_message_shortcut))
    picked = re.compile(rf"^{re.escape(ids.LOG_PICK_CUSTOMER)}\.\d+$")
    app.action(picked)(guarded(inflight, customer_picked))
    app.action(ids.LOG_FROM_CARD)(guarded(inflight, log_from_card_pressed))
    app.options(ids.LOG_CUSTOMER_SELECT)(customer_choices)
    app.options(ids.LOG_CONTACT_SELECT)(contact_choices)
