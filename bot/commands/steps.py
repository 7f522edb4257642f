"""The global shortcuts "New customer" and "Log contact" (Slack's shortcuts menu, no channel
needed) and the same two as Workflow Builder steps (custom functions, `app.function`).

A step has no person in its request: the person who runs the workflow is its `user_id`
input, resolved like any person (language, zone, channels). A step cannot ask back, so a
refusal fails it with the reason (`fail`), and nothing is saved."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.complete.async_complete import AsyncComplete
from slack_bolt.context.fail.async_fail import AsyncFail
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, person_of
from bot.customers import card_cases
from bot.customers.form import CustomerForm
from bot.errors import DomainError
from bot.i18n import t
from bot.inflight import InFlight
from bot.logs import step_cases
from bot.logs.forms import LogForm
from bot.logs.intake import Done
from bot.views import ids
from bot.views.customer_modal import build_customer_modal
from bot.views.log_metadata import CHANNEL, LogMetadata
from bot.views.log_modal import build_log_modal
from bot.views.steps import (
    date_problem_text,
    log_outputs,
    new_customer_outputs,
    read_log_inputs,
    read_new_customer_inputs,
    step_failure,
    step_user,
)

Inputs = dict[str, Any]


async def new_customer_step(
    inputs: Inputs,
    complete: AsyncComplete,
    fail: AsyncFail,
    context: AsyncBoltContext,
    client: AsyncWebClient,
) -> None:
    """New customer, from a workflow: the card rules and the duplicate check apply as in the
    form; the same execution run twice makes one card."""
    actor = await step_actor(inputs, context, client)
    if actor is None:
        await fail(t("step.no_user", "en"))
        return
    try:
        card = await card_cases.save_customer(
            deps_of(context).db,
            actor=actor,
            form=read_new_customer_inputs(inputs),
            region=deps_of(context).settings.phone_region,
            view_id=context.function_execution_id,
        )
    except DomainError as refused:  # a step cannot ask back: it fails with the reason
        await fail(step_failure(refused, actor.lang))
        return
    await complete(outputs=new_customer_outputs(card))


async def log_contact_step(
    inputs: Inputs,
    complete: AsyncComplete,
    fail: AsyncFail,
    context: AsyncBoltContext,
    client: AsyncWebClient,
) -> None:
    """Log contact, from a workflow: on a card the runner may see."""
    actor = await step_actor(inputs, context, client)
    if actor is None:
        await fail(t("step.no_user", "en"))
        return
    try:
        logged = await step_cases.log_from_step(
            deps_of(context).db, actor=actor, step=read_log_inputs(inputs)
        )
    except DomainError as refused:
        await fail(step_failure(refused, actor.lang))
        return
    if not isinstance(logged, Done):
        await fail(date_problem_text(logged, actor.lang))
        return
    await complete(outputs=log_outputs(logged))


async def step_actor(
    inputs: Inputs, context: AsyncBoltContext, client: AsyncWebClient
) -> Actor | None:
    """The person who runs the workflow, as an actor (None when the step names nobody)."""
    user, deps = step_user(inputs), deps_of(context)
    if not user:
        return None
    team = context.team_id or context.enterprise_id or ""
    person = await deps.people.resolve(client, team, user)
    return Actor(
        team_id=team,
        user_id=user,
        lang=person.lang,
        tz=person.tz,
        now=deps.clock.now(),
        is_admin=person.is_admin or user in deps.settings.admins,
        channels=await deps.people.channels_of(client, team, user),
        name=person.name,
    )


async def new_customer_shortcut(
    ack: AsyncAck, body: Inputs, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The global shortcut: the card form, answered by DM (there is no channel)."""
    await ack()
    person = person_of(context)
    form = CustomerForm(manager_id=person.user_id)
    view = build_customer_modal(person.lang, form, metadata={CHANNEL: None})
    await open_modal(client, body["trigger_id"], view)


async def log_contact_shortcut(
    ack: AsyncAck, body: Inputs, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The global shortcut: the /log form, answered by DM."""
    await ack()
    view = build_log_modal(person_of(context).lang, LogForm(), LogMetadata())
    await open_modal(client, body["trigger_id"], view)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.shortcut(ids.NEW_CUSTOMER_SHORTCUT)(guarded(inflight, new_customer_shortcut))
    app.shortcut(ids.LOG_CONTACT_SHORTCUT)(guarded(inflight, log_contact_shortcut))
    app.function(ids.NEW_CUSTOMER_STEP)(guarded(inflight, new_customer_step))
    app.function(ids.LOG_CONTACT_STEP)(guarded(inflight, log_contact_step))
