"""/customer project, the project form (which, for a customer still before the contract,
turns into the move to post-contract, prefilled), Create project on a contract, a project's
phase, its channel. Each listener: ack, read, one use case (bot/sales/project_cases.py),
build, respond; the channel is made and linked after the ack (bot/commands/project_channels.py)."""

from __future__ import annotations

import re
from typing import Any

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
from bot.commands.project_channels import open_and_link
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.inflight import InFlight
from bot.sales import project_cases
from bot.sales.project_cases import ProjectCreated
from bot.sales.project_prefill import ProjectFormOpen
from bot.views import ids
from bot.views.plan_modals import PlanFormMetadata, build_phase_modal
from bot.views.project_modal import (
    ChannelForm,
    ChannelFormMetadata,
    ProjectFormMetadata,
    build_channel_modal,
    build_project_modal,
    read_channel_form,
    read_channel_form_metadata,
    read_project_form,
    read_project_form_metadata,
)
from bot.views.projects import build_project, read_phase_choice
from bot.views.saving import read_submitted


@router.subcommand("project", "项目")
async def project(
    ack: AsyncAck, rest: str, command: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer project hp [name]`: that project, or the form for a new one."""
    await ack()
    actor = await actor_of(context)
    found = await project_cases.project_named(deps_of(context).db, actor=actor, text=rest)
    if isinstance(found, ProjectFormOpen):
        await _open_form(found, command["channel_id"], command["trigger_id"], actor, context)
        return
    await respond_private(respond, build_project(found, actor.lang))


async def project_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack (refusals under the fields); a customer before the contract is
    moved on with the transition form, prefilled, in place of this one."""
    actor, meta = await actor_of(context, channels=False), read_project_form_metadata(view)
    created = await project_cases.create_project(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        form=read_project_form(view),
        submitted=read_submitted(view),
    )
    await ack(**_handover(created, actor, meta.channel))
    shown = created.view
    if created.channel is not None:
        linked = await open_and_link(client, context, actor, created.channel, reply_to=meta.channel)
        shown = linked or shown
    reply = build_project(shown, actor.lang, title_key="project.created")
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def from_contract_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Create project* on a contract: the form, filled from it (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await project_cases.open_project_form(
        deps_of(context).db, actor=actor, contract_id=int(action["value"])
    )
    await _open_form(opened, channel_of(body), body["trigger_id"], actor, context)


async def new_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*New project* on a card (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    opened = await project_cases.open_project_form(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await _open_form(opened, channel_of(body), body["trigger_id"], actor, context)


async def project_opened(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await project_cases.show_project(
        deps_of(context).db, actor=actor, project_id=int(action["value"])
    )
    await respond_private(respond, build_project(shown, actor.lang))


async def phase_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """The project moves on to its next phase."""
    await ack()
    actor, choice = await actor_of(context), read_phase_choice(action)
    moved = await project_cases.move_project_phase(
        deps_of(context).db, actor=actor, project_id=choice.project_id, phase=choice.phase
    )
    await respond_private(respond, build_project(moved, actor.lang))


async def channel_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Set channel* on a project without one (`respond`: refusals)."""
    await ack()
    actor = await actor_of(context)
    shown = await project_cases.project_to_change(
        deps_of(context).db, actor=actor, project_id=int(action["value"])
    )
    meta = ChannelFormMetadata(shown.project.id or 0, channel_of(body))
    view = build_channel_modal(actor.lang, ChannelForm(), meta)
    await open_modal(context.client, body["trigger_id"], view)


async def channel_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_channel_form_metadata(view)
    form = read_channel_form(view)
    request = await project_cases.channel_request(
        deps_of(context).db,
        actor=actor,
        project_id=meta.project_id,
        channel_id=form.channel_id,
        new_name=form.new_channel,
        private=bool(form.private),
    )
    await ack()
    linked = await open_and_link(client, context, actor, request, reply_to=meta.channel)
    if linked is not None:
        await tell_user(
            client,
            channel=meta.channel,
            user=actor.user_id,
            reply=build_project(linked, actor.lang),
        )


def _handover(created: ProjectCreated, actor: Actor, channel: str | None) -> dict[str, Any]:
    if created.handover is None:
        return {}
    opened = created.handover
    meta = PlanFormMetadata(opened.customer.id or 0, channel)
    view = build_phase_modal(
        actor.lang, opened.form, customer=opened.customer, contacts=opened.contacts, metadata=meta
    )
    return {"response_action": "update", "view": view}


async def _open_form(
    opened: ProjectFormOpen,
    channel: str | None,
    trigger_id: str,
    actor: Actor,
    context: AsyncBoltContext,
) -> None:
    meta = ProjectFormMetadata(opened.customer.id or 0, channel)
    view = build_project_modal(actor.lang, opened.form, opened.contracts, meta)
    await open_modal(context.client, trigger_id, view)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.PROJECT_VIEW)(guarded(inflight, project_submitted))
    app.view(ids.PROJECT_CHANNEL_VIEW)(guarded(inflight, channel_submitted))
    app.action(ids.PROJECT_FROM_CONTRACT)(guarded(inflight, from_contract_pressed))
    app.action(ids.PROJECT_NEW)(guarded(inflight, new_pressed))
    app.action(ids.PROJECT_OPEN)(guarded(inflight, project_opened))
    app.action(ids.PROJECT_CHANNEL)(guarded(inflight, channel_pressed))
    app.action(re.compile(rf"^{re.escape(ids.PROJECT_PHASE)}\.\d+$"))(
        guarded(inflight, phase_pressed)
    )
