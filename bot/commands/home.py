"""The App Home tab: published when opened, and again after an action taken from it. Each
listener: ack, read, one use case, build, respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, person_of
from bot.customers import home_cases
from bot.customers.form import CustomerForm
from bot.errors import NotFound
from bot.inflight import InFlight
from bot.logs import follow_up_cases
from bot.logs.forms import LogForm
from bot.views import ids
from bot.views.customer_modal import build_customer_modal
from bot.views.home import build_home, read_home_follow_up
from bot.views.log_metadata import CHANNEL, FROM_HOME, LogMetadata
from bot.views.log_modal import build_log_modal

Body = dict[str, Any]
FOLLOW_UP_VERBS = {"done": follow_up_cases.mark_done, "snooze": follow_up_cases.snooze}


async def publish_home(client: AsyncWebClient, context: AsyncBoltContext) -> None:
    actor = await actor_of(context)
    home = await home_cases.home_of(deps_of(context).db, actor=actor)
    view = build_home(actor.lang, home.dashboard, home.settings, team=home.team, health=home.health)
    await client.views_publish(user_id=actor.user_id, view=view)


async def refresh_home_if(
    from_home: bool, client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    """A modal opened from the Home tab refreshes the tab when it is saved."""
    if from_home:
        await publish_home(client, context)


async def refresh_home_after(
    metadata: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    """The same, for a form whose metadata is read as a mapping (the card form)."""
    await refresh_home_if(bool(metadata.get(FROM_HOME)), client, context)


async def app_home_opened(event: Body, context: AsyncBoltContext, client: AsyncWebClient) -> None:
    if event.get("tab") == "home":
        await publish_home(client, context)


async def new_customer_pressed(
    ack: AsyncAck, body: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    person = person_of(context)
    form = CustomerForm(manager_id=person.user_id)
    metadata = {CHANNEL: None, FROM_HOME: True}
    view = build_customer_modal(person.lang, form, metadata=metadata)
    await open_modal(client, body["trigger_id"], view)


async def log_pressed(
    ack: AsyncAck, body: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    view = build_log_modal(person_of(context).lang, LogForm(), LogMetadata(from_home=True))
    await open_modal(client, body["trigger_id"], view)


async def follow_up_picked(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Done or Snooze 1 day on a follow-up listed in the tab, then the tab again."""
    await ack()
    actor = await actor_of(context)
    verb, follow_up_id = read_home_follow_up(action)
    try:
        await FOLLOW_UP_VERBS[verb](deps_of(context).db, actor=actor, follow_up_id=follow_up_id)
    except NotFound:
        pass  # gone, or on a card no longer visible: the refreshed tab leaves it out
    await publish_home(client, context)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.event("app_home_opened")(guarded(inflight, app_home_opened))
    app.action(ids.HOME_NEW_CUSTOMER)(guarded(inflight, new_customer_pressed))
    app.action(ids.HOME_LOG)(guarded(inflight, log_pressed))
    app.action(ids.HOME_FOLLOW_UP)(guarded(inflight, follow_up_picked))
