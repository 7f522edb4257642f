"""A customer's request or complaint: *Responded* and *Resolved…* (with its form). Each
listener: ack, read, one use case (bot/logs/service_cases.py), build, respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.customer import Args
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.inflight import InFlight
from bot.logs import service_cases
from bot.views import ids
from bot.views.services import build_resolution_modal, build_service, read_resolution_modal


async def responded_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await service_cases.mark_responded(
        deps_of(context).db, actor=actor, service_id=int(action["value"])
    )
    await respond_private(respond, build_service(shown, actor.lang, actor.tz))


async def resolve_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await service_cases.open_resolution(
        deps_of(context).db, actor=actor, service_id=int(action["value"])
    )
    view = build_resolution_modal(actor.lang, shown, (body.get("channel") or {}).get("id"))
    await open_modal(context.client, body["trigger_id"], view)


async def resolution_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack, so Slack shows a refusal under the field."""
    actor = await actor_of(context, channels=False)
    service_id, channel, resolution = read_resolution_modal(view)
    shown = await service_cases.resolve(
        deps_of(context).db, actor=actor, service_id=service_id, resolution=resolution
    )
    await ack()
    reply = build_service(shown, actor.lang, actor.tz)
    await tell_user(client, channel=channel, user=actor.user_id, reply=reply)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.SERVICE_RESPONDED)(guarded(inflight, responded_pressed))
    app.action(ids.SERVICE_RESOLVE)(guarded(inflight, resolve_pressed))
    app.view(ids.SERVICE_RESOLVE_VIEW)(guarded(inflight, resolution_submitted))
