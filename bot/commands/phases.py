"""/customer phase, plan and milestone; their modals and buttons."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of, not_allowed, require_edit_in_form
from bot.commands.customer import router
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, person_of, respond_private, tell_user
from bot.customers.cards import CardNotFound, load_card
from bot.customers.form import FormInvalid, Message
from bot.customers.milestones import (
    MilestoneNotFound,
    add_milestone,
    complete_milestone,
    read_milestone,
)
from bot.customers.phases import PhaseChanged, change_phase, following, read_phase
from bot.customers.search import Leading, resolve_leading_customer
from bot.dates.display import format_moment
from bot.i18n import Lang, t
from bot.inflight import InFlight
from bot.logs.forms import due_from_pickers
from bot.store.models import Milestone
from bot.store.plans import milestones_of, phase_history, plan_of, plans_of
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.customer_errors import form_errors, render_message
from bot.views.customer_modal import read_metadata
from bot.views.inputs import state_text
from bot.views.plan import (
    RelationsPlan,
    build_channel_notice,
    build_handover,
    build_milestone_modal,
    build_phase_changed,
    build_phase_modal,
    build_plan,
    read_phase_form,
)
from bot.views.unknown_customer import build_unknown_customer

log = logging.getLogger(__name__)
Body = dict[str, Any]


@router.subcommand("phase", "阶段")
async def phase(
    ack: AsyncAck,
    rest: str,
    command: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    """`/customer phase hp [implementation]`: the transition modal."""
    await ack()
    person = person_of(context)
    async with deps_of(context).db.transaction() as session:
        leading, blocked = await resolved(context, session, rest, "phase", edit=True)
        if blocked is not None:
            await respond_private(respond, blocked)
            return
        to_phase = read_phase(leading.rest) if leading.rest else following(leading.customer.phase)
        if to_phase is None:
            await respond_private(
                respond, Reply(t("phase.unknown_word", person.lang, word=leading.rest))
            )
            return
        view = await _phase_view(
            session, person, leading.customer.id, to_phase, command["channel_id"]
        )
    await open_modal(client, command["trigger_id"], view)


@router.subcommand("plan", "计划")
async def plan(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    await ack()
    person = person_of(context)
    async with deps_of(context).db.transaction() as session:
        leading, blocked = await resolved(context, session, rest, "plan", edit=False)
        reply = blocked or await _plan_reply(session, person, leading.customer.id)
    await respond_private(respond, reply)


@router.subcommand("milestone", "里程碑")
async def milestone(
    ack: AsyncAck,
    rest: str,
    command: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    """`/customer milestone hp 上线验收 12月3日`, or `/customer milestone hp` for the form."""
    await ack()
    person, now = person_of(context), now_of(context)
    async with deps_of(context).db.transaction(write=True) as session:
        leading, blocked = await resolved(context, session, rest, "milestone", edit=True)
        if blocked is not None:
            await respond_private(respond, blocked)
            return
        if not leading.rest:
            meta = {"channel": command["channel_id"], "customer_id": leading.customer.id}
            await open_modal(
                client, command["trigger_id"], build_milestone_modal(person.lang, meta)
            )
            return
        try:
            title, due = read_milestone(leading.rest, now=now, tz=person.tz)
            added = await add_milestone(
                session=session,
                team_id=person.team_id,
                actor_id=person.user_id,
                customer_id=leading.customer.id,
                title=title,
                due_at=due,
                tz=person.tz.key,
                now=now,
            )
            reply = Reply(
                t(
                    "milestone.added",
                    person.lang,
                    title=added.title,
                    name=leading.customer.legal_name,
                    when=format_moment(due, person.lang, person.tz),
                )
            )
        except FormInvalid as invalid:
            reply = Reply(" ".join(render_message(m, person.lang) for m in invalid.errors.values()))
    await respond_private(respond, reply)


async def phase_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    person, deps, meta = person_of(context), deps_of(context), read_metadata(view)
    try:
        async with deps.db.transaction(write=True) as session:
            await require_edit_in_form(context, session, int(meta["customer_id"]), "to_phase")
            changed = await change_phase(
                session=session,
                team_id=person.team_id,
                actor_id=person.user_id,
                customer_id=int(meta["customer_id"]),
                form=read_phase_form(view),
                tz=person.tz,
                now=now_of(context),
            )
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=form_errors(invalid.errors, person.lang))
        return
    await ack()
    await tell_user(
        client,
        channel=meta.get("channel"),
        user=person.user_id,
        reply=build_phase_changed(changed, person.lang),
    )
    if changed.change is not None:
        await _announce(client, changed, context)


async def _announce(
    client: AsyncWebClient, changed: PhaseChanged, context: AsyncBoltContext
) -> None:
    """The outgoing and incoming primary contacts get the handover; project channels a line."""
    assert changed.change is not None
    people = deps_of(context).people
    for user in dict.fromkeys(
        (changed.change.outgoing_contact_id, changed.change.incoming_contact_id)
    ):
        lang = (await people.resolve(client, person_of(context).team_id, user)).lang
        await _post(client, user, build_handover(changed, lang))
    for channel in changed.channels:
        await _post(client, channel, build_channel_notice(changed, person_of(context).lang))


async def milestone_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    person, meta, now = person_of(context), read_metadata(view), now_of(context)
    try:
        due = due_from_pickers(state_text(view, "due"), "", tz=person.tz, now=now, field="due")
        if due is None:
            raise FormInvalid({"due": Message("field.follow_up_date.required")})
        async with deps_of(context).db.transaction(write=True) as session:
            await require_edit_in_form(context, session, int(meta["customer_id"]), "title")
            added = await add_milestone(
                session=session,
                team_id=person.team_id,
                actor_id=person.user_id,
                customer_id=int(meta["customer_id"]),
                title=state_text(view, "title"),
                due_at=due,
                tz=person.tz.key,
                now=now,
            )
            card = await load_card(
                session=session, team_id=person.team_id, customer_id=added.customer_id
            )
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=form_errors(invalid.errors, person.lang))
        return
    await ack()
    await tell_user(
        client,
        channel=meta.get("channel"),
        user=person.user_id,
        reply=Reply(
            t(
                "milestone.added",
                person.lang,
                title=added.title,
                name=card.customer.legal_name,
                when=format_moment(due, person.lang, person.tz),
            )
        ),
    )


async def plan_button(
    ack: AsyncAck,
    body: Body,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """Change phase / Add milestone (open their modals), milestone Done."""
    await ack()
    person, target = person_of(context), int(action["value"])
    channel = (body.get("channel") or {}).get("id")
    try:
        async with deps_of(context).db.transaction(write=True) as session:
            gate = await gate_of(context, session)
            customer_id = (
                target
                if action["action_id"] != ids.MILESTONE_DONE
                else (await milestone_customer(session, person.team_id, target))
            )
            card = await load_card(
                session=session, team_id=person.team_id, customer_id=customer_id, gate=gate
            )
            if not await gate.may_edit(card.customer):
                await respond_private(respond, not_allowed(card.customer, person.lang))
                return
            if action["action_id"] == ids.MILESTONE_DONE:
                done = await complete_milestone(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    milestone_id=target,
                    now=now_of(context),
                )
                reply = Reply(t("milestone.completed", person.lang, title=done.title))
            elif action["action_id"] == ids.MILESTONE_OPEN:
                view = build_milestone_modal(
                    person.lang, {"channel": channel, "customer_id": target}
                )
            else:
                view = await _phase_view(
                    session, person, target, following(card.customer.phase), channel
                )
    except (CardNotFound, MilestoneNotFound):
        await respond_private(respond, Reply(t("customer.gone", person.lang)))
        return
    if action["action_id"] == ids.MILESTONE_DONE:
        await respond_private(respond, reply)
    else:
        await open_modal(client, body["trigger_id"], view)


async def resolved(
    context: AsyncBoltContext, session: Any, rest: str, command: str, *, edit: bool
) -> tuple[Leading, Reply | None]:
    """The customer a command starts with, as its person may see it (and change it)."""
    person = person_of(context)
    gate = await gate_of(context, session)
    leading = await resolve_leading_customer(
        session=session, team_id=person.team_id, text=rest, gate=gate
    )
    if leading.customer is None:
        return leading, _unresolved(leading, command, person.lang)
    if edit and not await gate.may_edit(leading.customer):
        return leading, not_allowed(leading.customer, person.lang)
    return leading, None


async def milestone_customer(session: Any, team_id: str, milestone_id: int) -> int:
    milestone = await session.get(Milestone, milestone_id)
    if milestone is None or milestone.team_id != team_id:
        raise MilestoneNotFound(milestone_id)
    return milestone.customer_id


async def _phase_view(
    session: Any, person: Any, customer_id: int, to_phase: str, channel: str | None
) -> Body:
    card = await load_card(session=session, team_id=person.team_id, customer_id=customer_id)
    plan_now = await plan_of(session=session, customer_id=customer_id, phase=to_phase) or card.plan
    return build_phase_modal(
        person.lang,
        customer=card.customer,
        to_phase=to_phase,
        plan=plan_now,
        contacts=card.contacts,
        metadata={"channel": channel, "customer_id": customer_id},
    )


async def _plan_reply(session: Any, person: Any, customer_id: int) -> Reply:
    card = await load_card(session=session, team_id=person.team_id, customer_id=customer_id)
    return build_plan(
        RelationsPlan(
            customer=card.customer,
            plans=await plans_of(session=session, customer_id=customer_id),
            changes=await phase_history(session=session, customer_id=customer_id),
            milestones=await milestones_of(session=session, customer_id=customer_id),
            channels=card.channels,
            contacts=card.contacts,
        ),
        person.lang,
        person.tz,
    )


def _unresolved(leading: Leading, command: str, lang: Lang) -> Reply:
    if not leading.words:
        return Reply(t("phase.usage", lang))
    return build_unknown_customer(
        command, leading.words, leading.choices, lang, archived=leading.archived
    )


async def _post(client: AsyncWebClient, channel: str, reply: Reply) -> None:
    try:
        await client.chat_postMessage(channel=channel, **reply.as_message())
    except Exception:  # a missing DM or channel must not undo the phase change
        log.warning("could not post the phase change to %s", channel, exc_info=True)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.PHASE_VIEW)(guarded(inflight, phase_submitted))
    app.view(ids.MILESTONE_VIEW)(guarded(inflight, milestone_submitted))
    for action_id in (ids.PHASE_OPEN, ids.MILESTONE_OPEN, ids.MILESTONE_DONE):
        app.action(action_id)(guarded(inflight, plan_button))
