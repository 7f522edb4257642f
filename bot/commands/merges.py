"""/customer merge, unmerge and value; the merge confirmation and the value modal. Each
listener: ack, read, one use case (bot/customers/merge_cases.py), build, respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.customer import router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.customers import merge_cases
from bot.customers.value import value_form_of
from bot.inflight import InFlight
from bot.store.types import saved_id
from bot.views import ids
from bot.views.merges import (
    ValueMetadata,
    build_merge_preview,
    build_merged,
    build_unmerged,
    build_value_modal,
    build_value_saved,
    read_merge_choice,
    read_value_form,
    read_value_metadata,
)
from bot.views.saving import read_submitted

Body = dict[str, Any]  # a Slack payload


@router.subcommand("merge", "合并")
async def merge_command(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer merge HP2 into HP`: a preview with a Merge button."""
    await ack()
    actor = await actor_of(context)
    preview = await merge_cases.preview_merge(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_merge_preview(preview, actor.lang))


async def merge_confirmed(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """The preview's Merge button: the preview is replaced by what was done."""
    await ack()
    actor = await actor_of(context)
    choice = read_merge_choice(action)
    merged = await merge_cases.merge_cards(
        deps_of(context).db, actor=actor, duplicate_id=choice.duplicate_id, kept_id=choice.kept_id
    )
    await respond(replace_original=True, **build_merged(merged, actor.lang).as_message())


@router.subcommand("unmerge", "撤销合并", admin=True)
async def unmerge_command(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Admins: `/customer unmerge HP2` undoes the merge of HP2."""
    await ack()
    actor = await actor_of(context)
    duplicate = await merge_cases.unmerge_card(deps_of(context).db, actor=actor, handle=rest)
    await respond_private(respond, build_unmerged(duplicate, actor.lang))


@router.subcommand("value", "价值")
async def value_command(
    ack: AsyncAck, rest: str, command: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """`/customer value hp`: the value form of a card the person may change."""
    await ack()
    actor = await actor_of(context)
    customer = await merge_cases.card_to_assess(deps_of(context).db, actor=actor, text=rest)
    metadata = ValueMetadata(saved_id(customer), command["channel_id"])
    view = build_value_modal(actor.lang, value_form_of(customer.value_factors), metadata)
    await open_modal(client, command["trigger_id"], view)


async def value_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A factor not chosen shows under its field (checked without the database); then it
    is answered and saved."""
    actor, metadata = await actor_of(context, channels=False), read_value_metadata(view)
    form = read_value_form(view)
    merge_cases.check_value(form)
    await ack()
    customer = await merge_cases.assess_value(
        deps_of(context).db,
        actor=actor,
        customer_id=metadata.customer_id,
        form=form,
        submitted=read_submitted(view),
    )
    reply = build_value_saved(customer, actor.lang)
    await tell_user(client, channel=metadata.channel, user=actor.user_id, reply=reply)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.MERGE_CONFIRM)(guarded(inflight, merge_confirmed))
    app.view(ids.VALUE_VIEW)(guarded(inflight, value_submitted))
