"""The relationship maintenance plan from Slack: its buttons under `/customer plan`, its four
forms, and `/customer budget`. Each listener: ack, read, one use case (bot/delivery/), build,
respond; refusals are told by `guarded`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of, channel_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.delivery import maintenance_budget, maintenance_cases
from bot.inflight import InFlight
from bot.views import ids
from bot.views.maintenance import build_period_plan, build_team_budget
from bot.views.maintenance_modals import (
    PlanFormMetadata,
    build_activity_modal,
    build_notes_modal,
    build_outcome_modal,
    build_review_modal,
    metadata_of,
    read_activity_form,
    read_notes_form,
    read_outcome_form,
    read_plan_metadata,
    read_review_form,
)
from bot.views.saving import read_submitted


@router.subcommand("budget", "预算")
async def budget(ack: AsyncAck, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    """`/customer budget`: planned against spent, per card the person may see."""
    await ack()
    actor = await actor_of(context)
    found = await maintenance_budget.team_budget(deps_of(context).db, actor=actor)
    await respond_private(respond, build_team_budget(found, actor.lang))


async def open_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Open plan* on a reminder: the card's period plan."""
    await ack()
    actor = await actor_of(context)
    shown = await maintenance_cases.show_period_plan(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await respond_private(respond, build_period_plan(shown, actor.lang, actor.tz))


async def add_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await maintenance_cases.open_activity_form(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    view = build_activity_modal(
        actor.lang, shown, metadata_of(shown, channel_of(body)), owner=actor.user_id
    )
    await open_modal(context.client, body["trigger_id"], view)


async def activity_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack, so Slack shows refusals under the fields."""
    actor, meta = await actor_of(context, channels=False), read_plan_metadata(view)
    shown = await maintenance_cases.add_activity(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        period=meta.period,
        form=read_activity_form(view),
        submitted=read_submitted(view),
    )
    await ack()
    reply = build_period_plan(shown, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def update_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    activity = await maintenance_cases.open_activity(
        deps_of(context).db, actor=actor, activity_id=int(action["value"])
    )
    meta = PlanFormMetadata(activity_id=activity.id or 0, channel=channel_of(body))
    await open_modal(
        context.client, body["trigger_id"], build_outcome_modal(actor.lang, activity, meta)
    )


async def outcome_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_plan_metadata(view)
    shown = await maintenance_cases.record_outcome(
        deps_of(context).db, actor=actor, activity_id=meta.activity_id, form=read_outcome_form(view)
    )
    await ack()
    reply = build_period_plan(shown, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def notes_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Notes*: the period, the competitor strategy and the decision makers' view."""
    await ack()
    actor = await actor_of(context)
    customer_id, _, plan_id = str(action["value"]).partition(":")
    db = deps_of(context).db
    if plan_id.isdigit() and int(plan_id):
        shown = await maintenance_cases.open_plan(db, actor=actor, plan_id=int(plan_id))
    else:
        shown = await maintenance_cases.open_activity_form(
            db, actor=actor, customer_id=int(customer_id)
        )
    view = build_notes_modal(actor.lang, shown, metadata_of(shown, channel_of(body)))
    await open_modal(context.client, body["trigger_id"], view)


async def notes_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_plan_metadata(view)
    shown = await maintenance_cases.save_notes(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        plan_id=meta.plan_id,
        form=read_notes_form(view),
        submitted=read_submitted(view),
    )
    await ack()
    reply = build_period_plan(shown, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def review_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Review* on a plan or on the reminder at the period's end."""
    await ack()
    actor = await actor_of(context)
    shown = await maintenance_cases.open_plan(
        deps_of(context).db, actor=actor, plan_id=int(action["value"])
    )
    view = build_review_modal(actor.lang, shown, metadata_of(shown, channel_of(body)))
    await open_modal(context.client, body["trigger_id"], view)


async def review_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_plan_metadata(view)
    shown = await maintenance_cases.save_review(
        deps_of(context).db,
        actor=actor,
        plan_id=meta.plan_id,
        form=read_review_form(view),
        submitted=read_submitted(view),
    )
    await ack()
    reply = build_period_plan(shown, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.MAINT_ACTIVITY_VIEW)(guarded(inflight, activity_submitted))
    app.view(ids.MAINT_OUTCOME_VIEW)(guarded(inflight, outcome_submitted))
    app.view(ids.MAINT_NOTES_VIEW)(guarded(inflight, notes_submitted))
    app.view(ids.MAINT_REVIEW_VIEW)(guarded(inflight, review_submitted))
    app.action(ids.MAINT_OPEN)(guarded(inflight, open_pressed))
    app.action(ids.MAINT_ADD)(guarded(inflight, add_pressed))
    app.action(ids.MAINT_UPDATE)(guarded(inflight, update_pressed))
    app.action(ids.MAINT_NOTES)(guarded(inflight, notes_pressed))
    app.action(ids.MAINT_REVIEW)(guarded(inflight, review_pressed))
