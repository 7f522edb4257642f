"""/customer phase, plan and milestone; their modals and buttons. Each listener: ack, read,
one use case (bot/customers/phase_cases.py), build, respond."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of, channel_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.customers import card_cases, phase_cases
from bot.customers.milestones import MilestoneForm
from bot.customers.phases import PhaseChanged
from bot.delivery import acceptance, maintenance_cases
from bot.delivery.acceptance import AcceptanceFormOpen
from bot.inflight import InFlight
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.maintenance import build_period_plan
from bot.views.plan import (
    build_channel_notice,
    build_handover,
    build_milestone_added,
    build_milestone_done,
    build_phase_changed,
    build_plan,
)
from bot.views.plan_modals import (
    PlanFormMetadata,
    build_milestone_modal,
    build_phase_modal,
    read_milestone_form,
    read_phase_form,
    read_plan_form_metadata,
)
from bot.views.saving import read_submitted
from bot.views.survey_modal import SurveyFormMetadata, build_acceptance_modal

log = logging.getLogger(__name__)


@router.subcommand("phase", "阶段")
async def phase(ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext) -> None:
    """`/customer phase hp [implementation]`: the transition modal."""
    await ack()
    actor = await actor_of(context)
    opened = await phase_cases.open_phase_form(deps_of(context).db, actor=actor, text=rest)
    await _open_phase_modal(opened, command["channel_id"], command["trigger_id"], actor, context)


@router.subcommand("plan", "计划")
async def plan(ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    await ack()
    actor = await actor_of(context)
    relations = await phase_cases.show_plan(deps_of(context).db, actor=actor, text=rest)
    # the period's maintenance plan (002) next to the phase plan, a message of its own (the
    # two would not fit Slack's 50 blocks together); the phase plan comes last, as before
    period = await maintenance_cases.show_period_plan(
        deps_of(context).db, actor=actor, customer_id=relations.customer.id or 0
    )
    await respond_private(respond, build_period_plan(period, actor.lang, actor.tz))
    await respond_private(respond, build_plan(relations, actor.lang, actor.tz))


@router.subcommand("milestone", "里程碑")
async def milestone(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer milestone hp 上线验收 12月3日`, or `/customer milestone hp` for the form."""
    await ack()
    actor = await actor_of(context)
    named = await phase_cases.milestone_named(deps_of(context).db, actor=actor, text=rest)
    if named.added is None:
        meta = PlanFormMetadata(named.customer.id or 0, command["channel_id"])
        view = build_milestone_modal(actor.lang, MilestoneForm(), meta)
        await open_modal(context.client, command["trigger_id"], view)
        return
    reply = build_milestone_added(named.added, named.customer, actor.lang, actor.tz)
    await respond_private(respond, reply)


async def phase_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The form's rules are checked against the phase the card had when it was opened (no
    database), then it is answered and saved; the save checks them again."""
    actor, meta = await actor_of(context, channels=False), read_plan_form_metadata(view)
    form = read_phase_form(view)
    phase_cases.check_phase(form, actor=actor, current=meta.from_phase)
    await ack()
    changed = await phase_cases.save_phase(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        form=form,
        submitted=read_submitted(view),
    )
    reply = build_phase_changed(changed, actor.lang)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)
    if changed.change is not None:
        await _announce(client, changed, actor, context)


async def milestone_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Checked without the database, answered, then saved."""
    actor, meta = await actor_of(context, channels=False), read_plan_form_metadata(view)
    form = read_milestone_form(view)
    phase_cases.check_milestone(form, actor=actor)
    await ack()
    added = await phase_cases.add_milestone_from_form(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        form=form,
        submitted=read_submitted(view),
    )
    reply = build_milestone_added(added.milestone, added.customer, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def phase_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Change phase* on a card or a plan (`respond`: where a refusal is told)."""
    await ack()
    actor = await actor_of(context)
    opened = await phase_cases.phase_form_of(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    channel = (body.get("channel") or {}).get("id")
    await _open_phase_modal(opened, channel, body["trigger_id"], actor, context)


async def milestone_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Add milestone* on a plan: the form, for a card the person may change (`respond`:
    where a refusal is told)."""
    await ack()
    actor = await actor_of(context)
    card = await card_cases.card_to_change(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    meta = PlanFormMetadata(card.customer.id or 0, (body.get("channel") or {}).get("id"))
    view = build_milestone_modal(actor.lang, MilestoneForm(), meta)
    await open_modal(context.client, body["trigger_id"], view)


async def milestone_done(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Done*: marked at once, or, on an acceptance milestone, the acceptance form first."""
    await ack()
    actor = await actor_of(context)
    pressed = await acceptance.press_done(
        deps_of(context).db, actor=actor, milestone_id=int(action["value"])
    )
    if isinstance(pressed, AcceptanceFormOpen):
        meta = SurveyFormMetadata(row_id=int(action["value"]), channel=channel_of(body))
        view = build_acceptance_modal(actor.lang, pressed, meta)
        await open_modal(context.client, body["trigger_id"], view)
        return
    await respond_private(respond, build_milestone_done(pressed.milestone, actor.lang))


async def _open_phase_modal(
    opened: phase_cases.PhaseFormOpen,
    channel: str | None,
    trigger_id: str,
    actor: Actor,
    context: AsyncBoltContext,
) -> None:
    view = build_phase_modal(
        actor.lang,
        opened.form,
        customer=opened.customer,
        contacts=opened.contacts,
        metadata=PlanFormMetadata(opened.customer.id or 0, channel, opened.customer.phase),
    )
    await open_modal(context.client, trigger_id, view)


async def _announce(
    client: AsyncWebClient, changed: PhaseChanged, actor: Actor, context: AsyncBoltContext
) -> None:
    """The outgoing and incoming primary contacts get the handover; project channels a line."""
    assert changed.change is not None
    people = deps_of(context).people
    for user in dict.fromkeys(
        (changed.change.outgoing_contact_id, changed.change.incoming_contact_id)
    ):
        lang = (await people.resolve(client, actor.team_id, user)).lang
        await _post(client, user, build_handover(changed, lang))
    for channel in changed.channels:
        await _post(client, channel, build_channel_notice(changed, actor.lang))


async def _post(client: AsyncWebClient, channel: str, reply: Reply) -> None:
    try:
        await client.chat_postMessage(channel=channel, **reply.as_message())
    except Exception:  # a missing DM or channel must not undo the phase change
        log.warning("could not post the phase change to %s", channel, exc_info=True)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.PHASE_VIEW)(guarded(inflight, phase_submitted))
    app.view(ids.MILESTONE_VIEW)(guarded(inflight, milestone_submitted))
    app.action(ids.PHASE_OPEN)(guarded(inflight, phase_pressed))
    app.action(ids.MILESTONE_OPEN)(guarded(inflight, milestone_pressed))
    app.action(ids.MILESTONE_DONE)(guarded(inflight, milestone_done))
