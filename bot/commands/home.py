"""The App Home tab: published when opened, and again after an action taken from it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import is_admin
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, person_of
from bot.customers.dashboard import load_dashboard
from bot.customers.form import CustomerForm
from bot.inflight import InFlight
from bot.logs.records import RecordNotFound, complete_follow_up, move_follow_up
from bot.store.access import open_level0
from bot.store.records import get_follow_up
from bot.store.settings import stale_limits
from bot.views import ids
from bot.views.customer_modal import build_customer_modal
from bot.views.home import AdminSettings, build_home
from bot.views.log_modal import build_log_modal

FROM_HOME = "from_home"


async def publish_home(client: AsyncWebClient, context: AsyncBoltContext) -> None:
    person = person_of(context)
    async with deps_of(context).db.transaction() as session:
        dashboard = await load_dashboard(
            session=session,
            team_id=person.team_id,
            user_id=person.user_id,
            tz=person.tz,
            now=now_of(context),
        )
        settings = None
        if is_admin(context):
            limits = await stale_limits(session)
            settings = AdminSettings(
                open_level0=await open_level0(session=session, team_id=person.team_id),
                stale_days={
                    p: limits.days(person.team_id, p, "potential")
                    for p in ("pre_contract", "post_contract", "implementation", "close_out", "lcm")
                },
            )
    await client.views_publish(
        user_id=person.user_id, view=build_home(person.lang, dashboard, settings)
    )


async def refresh_home_after(
    metadata: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    """A modal opened from the Home tab refreshes the tab when it is saved."""
    if metadata.get(FROM_HOME):
        await publish_home(client, context)


async def app_home_opened(
    event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    if event.get("tab") == "home":
        await publish_home(client, context)


async def home_button(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
) -> None:
    await ack()
    person = person_of(context)
    metadata = {"channel": None, FROM_HOME: True}
    if action["action_id"] == ids.HOME_NEW_CUSTOMER:
        view = build_customer_modal(
            person.lang, CustomerForm(manager_id=person.user_id), metadata=metadata
        )
    else:
        view = build_log_modal(person.lang, customer=None, metadata=metadata)
    await open_modal(client, body["trigger_id"], view)


async def home_follow_up(
    ack: AsyncAck, action: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Done or Snooze 1 day on a follow-up listed in the Home tab, then the tab again."""
    await ack()
    person, now = person_of(context), now_of(context)
    verb, _, follow_up_id = action["selected_option"]["value"].partition(":")
    async with deps_of(context).db.transaction(write=True) as session:
        follow_up = await get_follow_up(
            session=session, team_id=person.team_id, follow_up_id=int(follow_up_id)
        )
        try:
            if follow_up is None or follow_up.owner_id != person.user_id:
                raise RecordNotFound(follow_up_id)
            if verb == "done":
                await complete_follow_up(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    follow_up_id=follow_up.id,
                    now=now,
                )
            else:
                await move_follow_up(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    follow_up_id=follow_up.id,
                    due_at=max(follow_up.due_at, now) + timedelta(days=1),
                    now=now,
                )
        except RecordNotFound:
            pass  # already gone: the refreshed tab shows the truth
    await publish_home(client, context)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.event("app_home_opened")(guarded(inflight, app_home_opened))
    for action_id in (ids.HOME_NEW_CUSTOMER, ids.HOME_LOG):
        app.action(action_id)(guarded(inflight, home_button))
    app.action(ids.HOME_FOLLOW_UP)(guarded(inflight, home_follow_up))
