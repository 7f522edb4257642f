"""Customer cards' forms and buttons: one listener per action — ack, read, one use case,
build, respond."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.cards import card_modal, card_reply
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.forms import saved_in_time
from bot.commands.home import refresh_home_after
from bot.commands.replies import open_modal, person_of, respond_private, tell_user
from bot.commands.roles import role_menu_picked
from bot.customers import card_cases, contact_cases
from bot.customers.duplicates import DuplicateFound, ShortNameMeansCards
from bot.customers.form import CustomerForm
from bot.inflight import InFlight
from bot.views import ids
from bot.views.customer_card import build_shared_card
from bot.views.customer_errors import build_remove_contact_modal, duplicate_errors
from bot.views.customer_modal import (
    build_customer_modal,
    read_contact_form,
    read_customer_form,
    read_metadata,
)
from bot.views.saving import build_duplicate_found_later, read_submitted

Body = dict[str, Any]
NAMES_WAIT = 0.5  # seconds for the managers' names under a duplicate, before the form's answer


async def customer_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The card form, new or edited: its answer may need the database (a likely duplicate
    is named under its fields), so it is saved with a deadline (bot/commands/forms.py)."""
    actor, meta = await actor_of(context, channels=False), read_metadata(view)
    editing = view["callback_id"] == ids.CUSTOMER_EDIT_VIEW
    saving = card_cases.save_customer(
        deps_of(context).db,
        actor=actor,
        form=read_customer_form(view),
        region=deps_of(context).settings.phone_region,
        customer_id=int(meta["customer_id"]) if editing else None,
        submitted=read_submitted(view),
    )
    try:
        card = await saved_in_time(ack, context, actor.lang, saving)
    except (DuplicateFound, ShortNameMeansCards) as found:
        await _duplicate_found(found, ack, actor, context, meta)
        return
    await tell_user(
        client, channel=meta.get("channel"), user=actor.user_id, reply=card_reply(card, context)
    )
    await refresh_home_after(meta, client, context)


async def _duplicate_found(
    found: DuplicateFound | ShortNameMeansCards,
    ack: AsyncAck,
    actor: Actor,
    context: AsyncBoltContext,
    meta: Body,
) -> None:
    """Under the name field while the form is open (managers by name: Slack shows no mentions
    there, and ids when names take too long); by message once it was answered "still saving"."""
    if ack.response is not None:
        if isinstance(found, ShortNameMeansCards):
            raise found  # told by message with the form's other refusals (errors.reported)
        reply = build_duplicate_found_later(found, actor.lang)
        await tell_user(
            context.client, channel=meta.get("channel"), user=actor.user_id, reply=reply
        )
        return
    managers = [m.manager_id for m in found.matches]
    people = deps_of(context).people.display_names(context.client, actor.team_id, managers)
    try:
        names = await asyncio.wait_for(people, timeout=NAMES_WAIT)
    except TimeoutError:
        names = {}
    await ack(response_action="errors", errors=duplicate_errors(found, names, actor.lang))


async def contact_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """A contact added or edited on a card the person may change: its field rules need no
    database, so it is checked, answered, then saved (a refusal comes by message)."""
    actor, meta = await actor_of(context, channels=False), read_metadata(view)
    form, region = read_contact_form(view), deps_of(context).settings.phone_region
    contact_cases.check_contact(form, region=region)
    await ack()
    card = await contact_cases.save_contact(
        deps_of(context).db,
        actor=actor,
        customer_id=int(meta["customer_id"]),
        form=form,
        region=region,
        contact_id=int(meta["contact_id"]) if "contact_id" in meta else None,
        submitted=read_submitted(view),
    )
    await tell_user(
        client, channel=meta.get("channel"), user=actor.user_id, reply=card_reply(card, context)
    )


async def contact_removed(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Answered, then removed: nothing in the form to check."""
    await ack()
    actor, meta = await actor_of(context, channels=False), read_metadata(view)
    card = await contact_cases.remove_contact(
        deps_of(context).db,
        actor=actor,
        customer_id=int(meta["customer_id"]),
        contact_id=int(meta["contact_id"]),
        submitted=read_submitted(view),
    )
    await tell_user(
        client, channel=meta.get("channel"), user=actor.user_id, reply=card_reply(card, context)
    )


async def card_opened(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Open from a list of found cards."""
    await ack()
    actor = await actor_of(context)
    seen = await card_cases.open_card(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await respond_private(respond, card_reply(seen.card, context))


async def card_shared(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Share in channel: the card as everyone in the channel reads it, with who shared it."""
    await ack()
    actor = await actor_of(context)
    seen = await card_cases.open_card(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    reply = build_shared_card(card_reply(seen.card, context), actor.user_id, actor.lang)
    await respond(response_type="in_channel", replace_original=False, **reply.as_message())


async def edit_pressed(
    ack: AsyncAck, body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await _open_form("edit", body, int(action["value"]), context, client, ack)


async def add_contact_pressed(
    ack: AsyncAck, body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await _open_form("contact", body, int(action["value"]), context, client, ack)


async def contact_menu(
    ack: AsyncAck, body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The contact's overflow menu: `edit:<card>:<contact>`, `remove:…` or `role:…`."""
    verb, customer_id, contact_id = action["selected_option"]["value"].split(":")
    if verb == "role":
        await role_menu_picked(ack, body, int(customer_id), int(contact_id), context)
        return
    await _open_form(verb, body, int(customer_id), context, client, ack, int(contact_id))


async def _open_form(
    kind: str,
    body: Body,
    customer_id: int,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    ack: AsyncAck,
    contact_id: int | None = None,
) -> None:
    """Edit the card, add a contact, edit or remove a contact: a form of a card the person
    may change."""
    await ack()
    actor = await actor_of(context)
    card = await card_cases.card_to_change(
        deps_of(context).db, actor=actor, customer_id=customer_id
    )
    contact = next((c for c in card.contacts if c.id == contact_id), None)
    channel = (body.get("channel") or {}).get("id")
    if kind == "remove" and contact is not None:
        view = build_remove_contact_modal(
            actor.lang, contact, channel=channel, customer_id=customer_id
        )
    else:
        view = card_modal(
            "edit" if kind == "edit" and contact is None else "contact",
            card.customer,
            actor.lang,
            channel,
            contact,
        )
    await open_modal(client, body["trigger_id"], view)


async def create_named(
    ack: AsyncAck, body: Body, action: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """ "Create “X”" under a search that found nothing: the card form with that name."""
    await ack()
    person = person_of(context)
    form = CustomerForm(legal_name=action.get("value", ""), manager_id=person.user_id)
    channel = (body.get("channel") or {}).get("id")
    view = build_customer_modal(person.lang, form, metadata={"channel": channel})
    await open_modal(client, body["trigger_id"], view)


def register(app: AsyncApp, inflight: InFlight) -> None:
    for callback in (ids.CUSTOMER_NEW_VIEW, ids.CUSTOMER_EDIT_VIEW):
        app.view(callback)(guarded(inflight, customer_submitted))
    for callback in (ids.CONTACT_ADD_VIEW, ids.CONTACT_EDIT_VIEW):
        app.view(callback)(guarded(inflight, contact_submitted))
    app.view(ids.CONTACT_REMOVE_VIEW)(guarded(inflight, contact_removed))
    app.action(ids.OPEN_CARD)(guarded(inflight, card_opened))
    app.action(ids.SHARE_CARD)(guarded(inflight, card_shared))
    app.action(ids.EDIT_CARD)(guarded(inflight, edit_pressed))
    app.action(ids.ADD_CONTACT)(guarded(inflight, add_contact_pressed))
    app.action(ids.CONTACT_MENU)(guarded(inflight, contact_menu))
    app.action(ids.CREATE_NAMED)(guarded(inflight, create_named))
