"""/customer doc, the "Attach to customer" message shortcut and its form, Attach document on
a card, a contract or a project, and the form's "contract or project" select. Each listener:
ack, read, one use case (bot/sales/document_cases.py), build, respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, person_of, respond_private, tell_user
from bot.inflight import InFlight
from bot.parsing import chosen_row
from bot.sales import document_cases
from bot.sales.document_cases import SavedFile, SavedMessage
from bot.views import ids
from bot.views.contracts import read_target_value
from bot.views.documents import (
    DocumentForm,
    DocumentMetadata,
    MessageDocumentForm,
    build_attached,
    build_document_modal,
    build_message_document_modal,
    read_document_form,
    read_document_metadata,
    read_message_document_form,
    read_message_metadata,
    read_target,
    target_options,
)
from bot.views.log_modal import read_chosen_customer
from bot.views.saving import read_submitted


@router.subcommand("doc", "document", "文档")
async def doc(ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    """`/customer doc hp https://… [title]`."""
    await ack()
    actor = await actor_of(context)
    attached = await document_cases.attach_named(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_attached(attached, actor.lang))


async def attach_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext
) -> None:
    """*Attach document* on a card, a contract or a project: its form (saving checks who)."""
    await ack()
    target = read_target_value(action)
    meta = DocumentMetadata(
        target.customer_id,
        target.contract_id,
        target.project_id,
        (body.get("channel") or {}).get("id"),
    )
    view = build_document_modal(person_of(context).lang, DocumentForm(), meta)
    await open_modal(context.client, body["trigger_id"], view)


async def document_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context), read_document_metadata(view)
    form = read_document_form(view)
    attached = await document_cases.attach_link(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        target=meta.target,
        url=form.url,
        title=form.title,
        submitted=read_submitted(view),
    )
    await ack()
    await tell_user(
        client, channel=meta.channel, user=actor.user_id, reply=build_attached(attached, actor.lang)
    )


async def message_shortcut(
    ack: AsyncAck, body: Args, shortcut: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """ "Attach to customer" on a message: which customer (and contract or project)?"""
    await ack()
    message = await _with_permalink(client, _saved(shortcut))
    view = build_message_document_modal(person_of(context).lang, MessageDocumentForm(), message)
    await open_modal(client, body["trigger_id"], view)


async def message_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack: a customer gone or hidden is said under its field."""
    actor, message = await actor_of(context), read_message_metadata(view)
    form = read_message_document_form(view)
    attached = await document_cases.attach_message(
        deps_of(context).db,
        actor=actor,
        message=message,
        customer_id=chosen_row(form.customer),
        target=read_target(form.target),
        title=form.title,
        submitted=read_submitted(view),
    )
    await ack()
    await tell_user(
        client,
        channel=message.channel,
        user=actor.user_id,
        reply=build_attached(attached, actor.lang),
    )


async def target_choices(ack: AsyncAck, body: Args, context: AsyncBoltContext) -> None:
    """The contracts and projects of the customer chosen above."""
    actor = await actor_of(context)
    contracts, projects = await document_cases.target_choices(
        deps_of(context).db, actor=actor, customer_id=read_chosen_customer(body.get("view", {}))
    )
    await ack(options=target_options(contracts, projects, actor.lang))


def _saved(shortcut: Args) -> SavedMessage:
    message = shortcut.get("message", {})
    files = tuple(
        SavedFile(
            str(f.get("id", "")),
            str(f.get("name") or f.get("title") or ""),
            str(f.get("permalink", "")),
        )
        for f in message.get("files", [])
    )
    return SavedMessage(
        channel=shortcut.get("channel", {}).get("id", ""),
        ts=message.get("ts", ""),
        permalink="",
        author_id=message.get("user", ""),
        text=message.get("text", ""),
        files=files,
    )


async def _with_permalink(client: AsyncWebClient, message: SavedMessage) -> SavedMessage:
    try:
        found = await client.chat_getPermalink(channel=message.channel, message_ts=message.ts)
    except SlackApiError:  # its files are still worth keeping
        return message
    return SavedMessage(
        message.channel,
        message.ts,
        str(found.get("permalink", "")),
        message.author_id,
        message.text,
        message.files,
    )


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.DOCUMENT_NEW)(guarded(inflight, attach_pressed))
    app.view(ids.DOCUMENT_VIEW)(guarded(inflight, document_submitted))
    app.shortcut(ids.DOCUMENT_SHORTCUT)(guarded(inflight, message_shortcut))
    app.view(ids.DOCUMENT_MESSAGE_VIEW)(guarded(inflight, message_submitted))
    app.options(ids.DOCUMENT_TARGET_SELECT)(target_choices)
