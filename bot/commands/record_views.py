"""Buttons on saved contact records: Undo, Save without reminder, the record's menu (edit,
undo), the edit form, and Older records. Each listener: ack, read, one use case, build,
respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.inflight import InFlight
from bot.logs import log_cases, record_cases
from bot.views import ids
from bot.views.log_metadata import RecordMetadata, read_record_metadata
from bot.views.log_modal import build_edit_record_modal, read_record_edit
from bot.views.log_replies import build_edited, build_logged, build_undone
from bot.views.saving import read_submitted
from bot.views.timeline import build_timeline_page, read_older, read_record_menu

Body = dict[str, Any]


async def undo_pressed(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    await _undo(int(action["value"]), context, respond)


async def record_menu(
    ack: AsyncAck,
    body: Body,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """A record's menu on the card: Edit record, or Undo."""
    await ack()
    verb, record_id = read_record_menu(action)
    if verb == "undo":
        await _undo(record_id, context, respond)
    else:
        await _open_edit(record_id, body, context, client)


async def _undo(record_id: int, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    actor = await actor_of(context)
    await record_cases.undo_record(deps_of(context).db, actor=actor, record_id=record_id)
    await respond_private(respond, build_undone(actor.lang))


async def _open_edit(
    record_id: int, body: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor = await actor_of(context)
    record = await record_cases.record_to_edit(
        deps_of(context).db, actor=actor, record_id=record_id
    )
    metadata = RecordMetadata(record_id=record_id, channel=(body.get("channel") or {}).get("id"))
    await open_modal(
        client, body["trigger_id"], build_edit_record_modal(actor.lang, record, metadata)
    )


async def record_edited(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The edit form: a new version. Its field rules need no database: checked, answered,
    then saved (a refusal comes by message)."""
    meta, form = read_record_metadata(view), read_record_edit(view)
    record_cases.check_edit(form)
    await ack()
    actor = await actor_of(context)
    await record_cases.edit_a_record(
        deps_of(context).db,
        actor=actor,
        record_id=meta.record_id,
        form=form,
        submitted=read_submitted(view),
    )
    await tell_user(
        client, channel=meta.channel, user=actor.user_id, reply=build_edited(actor.lang)
    )


async def save_anyway_pressed(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A line held for its past or unreadable date, saved without a reminder."""
    await ack()
    actor = await actor_of(context)
    done = await log_cases.save_without_reminder(
        deps_of(context).db, actor=actor, pending_id=int(action["value"])
    )
    await respond_private(respond, build_logged(done, actor.lang))


async def older_pressed(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    customer_id, before_id = read_older(action["value"])
    page = await record_cases.older_records(
        deps_of(context).db, actor=actor, customer_id=customer_id, before_id=before_id
    )
    await respond_private(respond, build_timeline_page(page.customer, page.records, actor.lang))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.LOG_UNDO)(guarded(inflight, undo_pressed))
    app.action(ids.RECORD_MENU)(guarded(inflight, record_menu))
    app.view(ids.LOG_EDIT_VIEW)(guarded(inflight, record_edited))
    app.action(ids.LOG_SAVE_ANYWAY)(guarded(inflight, save_anyway_pressed))
    app.action(ids.TIMELINE_OLDER)(guarded(inflight, older_pressed))
