"""Follow-up buttons: Done and Snooze 1 day on a reminder DM, Reschedule (the DM) and Change
time (the reply to /log) with their time form. Each listener: ack, read, one use case,
build, respond; the use case checks who presses (bot/logs/rights.py)."""

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
from bot.commands.replies import open_modal, tell_user
from bot.inflight import InFlight
from bot.logs import follow_up_cases
from bot.views import ids
from bot.views.follow_ups import build_marked_done, build_moved, build_snoozed
from bot.views.log_metadata import FollowUpMetadata, read_follow_up_metadata
from bot.views.log_modal import build_time_modal, read_time_form
from bot.views.saving import read_submitted

Body = dict[str, Any]


async def done_pressed(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """The DM becomes what was done (its buttons go)."""
    await ack()
    actor = await actor_of(context)
    done = await follow_up_cases.mark_done(
        deps_of(context).db, actor=actor, follow_up_id=int(action["value"])
    )
    reply = build_marked_done(done, actor.lang)
    await respond(replace_original=True, **reply.as_message())


async def snooze_pressed(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    moved = await follow_up_cases.snooze(
        deps_of(context).db, actor=actor, follow_up_id=int(action["value"])
    )
    reply = build_snoozed(moved, actor.lang, actor.tz)
    await respond(replace_original=True, **reply.as_message())


async def change_time_pressed(
    ack: AsyncAck, body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Reschedule (a reminder DM) and Change time (the reply to /log): the time form."""
    await ack()
    actor = await actor_of(context)
    follow_up_id = int(action["value"])
    form = await follow_up_cases.time_form(
        deps_of(context).db, actor=actor, follow_up_id=follow_up_id
    )
    channel = (body.get("channel") or {}).get("id")
    metadata = FollowUpMetadata(follow_up_id=follow_up_id, channel=channel)
    await open_modal(client, body["trigger_id"], build_time_modal(actor.lang, form, metadata))


async def time_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The time form: a past or missing date shows on its field (checked without the
    database), then it is answered and saved."""
    meta, form = read_follow_up_metadata(view), read_time_form(view)
    follow_up_cases.check_time(form, actor=await actor_of(context, channels=False))
    await ack()
    actor = await actor_of(context)
    moved = await follow_up_cases.move_to(
        deps_of(context).db,
        actor=actor,
        follow_up_id=meta.follow_up_id,
        form=form,
        submitted=read_submitted(view),
    )
    reply = build_moved(moved, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.REMINDER_DONE)(guarded(inflight, done_pressed))
    app.action(ids.REMINDER_SNOOZE)(guarded(inflight, snooze_pressed))
    app.action(ids.LOG_CHANGE_TIME)(guarded(inflight, change_time_pressed))
    app.view(ids.LOG_TIME_VIEW)(guarded(inflight, time_submitted))
