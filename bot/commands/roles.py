"""/customer role and the contact menu's *Role…*: a contact's role and whether they left the
company. When the card loses its decision maker, the account manager and their supervisors
get a DM (after the transaction). Each listener: ack, read, one use case, build, respond."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.forms import saved_in_time
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.customers import role_cases
from bot.customers.roles import RoleChanged
from bot.inflight import InFlight
from bot.views import ids
from bot.views.roles import (
    RoleMetadata,
    build_decision_maker_lost,
    build_role_changed,
    build_role_modal,
    read_role_form,
    read_role_metadata,
)

log = logging.getLogger(__name__)
Body = dict[str, Any]


@router.subcommand("role", "角色")
async def role(
    ack: AsyncAck,
    rest: str,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """`/customer role hp 张总 decision maker`, `/customer role hp 张总 left`."""
    await ack()
    actor = await actor_of(context)
    changed = await role_cases.role_named(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_role_changed(changed, actor.lang))
    await tell_supervisors(client, changed, actor, context)


async def role_menu_picked(
    ack: AsyncAck, body: Body, customer_id: int, contact_id: int, context: AsyncBoltContext
) -> None:
    """*Role…* in a contact's menu on the card (the card's menu listener hands it over)."""
    await ack()
    actor = await actor_of(context)
    opened = await role_cases.role_form_of(
        deps_of(context).db, actor=actor, customer_id=customer_id, contact_id=contact_id
    )
    meta = RoleMetadata(customer_id, contact_id, (body.get("channel") or {}).get("id"))
    view = build_role_modal(actor.lang, opened.form, meta, contact=opened.contact.name)
    await open_modal(context.client, body["trigger_id"], view)


async def role_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved with Slack's deadline (bot/commands/forms.py): setting a role twice sets it
    once, so a submission Slack sends again changes nothing more."""
    actor, meta = await actor_of(context, channels=False), read_role_metadata(view)
    saving = role_cases.save_role(
        deps_of(context).db,
        actor=actor,
        customer_id=meta.customer_id,
        contact_id=meta.contact_id,
        form=read_role_form(view),
    )
    changed = await saved_in_time(ack, context, actor.lang, saving)
    reply = build_role_changed(changed, actor.lang)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)
    await tell_supervisors(client, changed, actor, context)


async def tell_supervisors(
    client: AsyncWebClient, changed: RoleChanged, actor: Actor, context: AsyncBoltContext
) -> None:
    """The account manager and their supervisors, each in their language."""
    people = deps_of(context).people
    for user in changed.told:
        lang = (await people.resolve(client, actor.team_id, user)).lang
        try:
            await client.chat_postMessage(
                channel=user, **build_decision_maker_lost(changed, lang).as_message()
            )
        except Exception:  # a DM that cannot be sent must not undo the change
            log.warning("could not tell %s that the decision maker changed", user, exc_info=True)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.CONTACT_ROLE_VIEW)(guarded(inflight, role_submitted))
