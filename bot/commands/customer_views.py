"""Modal submissions and buttons of customer cards."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of, not_allowed, require_edit_in_form
from bot.commands.cards import card_modal, card_reply
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.home import refresh_home_after
from bot.commands.replies import open_modal, person_of, respond_private, tell_user
from bot.customers.cards import (
    CardNotFound,
    add_contact,
    archive_contact,
    create_customer,
    load_card,
    update_contact,
    update_customer,
)
from bot.customers.duplicates import DuplicateFound, cards_a_short_name_means
from bot.customers.form import (
    CustomerForm,
    FormInvalid,
    parse_contact_form,
    parse_customer_form,
)
from bot.i18n import t
from bot.inflight import InFlight
from bot.store.types import utcnow
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.blocks import context as context_block
from bot.views.customer_errors import build_remove_contact_modal, duplicate_error, form_errors
from bot.views.customer_modal import (
    build_customer_modal,
    read_contact_form,
    read_customer_form,
    read_metadata,
)

Body = dict[str, Any]


async def customer_submitted(
    ack: AsyncAck, body: Body, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    person, deps, meta = person_of(context), deps_of(context), read_metadata(view)
    form = read_customer_form(view)
    try:
        draft = parse_customer_form(
            form, region=deps.settings.phone_region, actor_id=person.user_id
        )
        async with deps.db.transaction(write=True) as session:
            if view["callback_id"] == ids.CUSTOMER_EDIT_VIEW:
                await require_edit_in_form(context, session, int(meta["customer_id"]), "legal_name")
                customer = await update_customer(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    customer_id=int(meta["customer_id"]),
                    draft=draft,
                    now=utcnow(),
                    different_company=form.different_company,
                )
            else:
                customer, _ = await create_customer(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    draft=draft,
                    now=utcnow(),
                    view_id=view["id"],
                    different_company=form.different_company,
                )
            card = await load_card(session=session, team_id=person.team_id, customer_id=customer.id)
    except FormInvalid as invalid:
        errors = form_errors(invalid.errors, person.lang)
        async with deps.db.transaction() as session:
            short_name, meant = await cards_a_short_name_means(
                session=session, team_id=person.team_id, form_errors=invalid.errors
            )
        if meant:
            names = await deps.people.display_names(
                client, person.team_id, [m.manager_id for m in meant]
            )
            errors |= duplicate_error(meant, names, person.lang, short_name=short_name)
        await ack(response_action="errors", errors=errors)
        return
    except DuplicateFound as found:
        names = await deps.people.display_names(
            client, person.team_id, [m.manager_id for m in found.matches]
        )
        await ack(
            response_action="errors", errors=duplicate_error(found.matches, names, person.lang)
        )
        return
    await ack()
    await tell_user(
        client, channel=meta.get("channel"), user=person.user_id, reply=card_reply(card, context)
    )
    await refresh_home_after(meta, client, context)


async def contact_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    person, deps, meta = person_of(context), deps_of(context), read_metadata(view)
    target = {
        "session": None,
        "team_id": person.team_id,
        "actor_id": person.user_id,
        "customer_id": int(meta["customer_id"]),
        "now": utcnow(),
    }
    try:
        async with deps.db.transaction(write=True) as session:
            target["session"] = session
            await require_edit_in_form(context, session, target["customer_id"], "name")
            if view["callback_id"] == ids.CONTACT_REMOVE_VIEW:
                await archive_contact(contact_id=int(meta["contact_id"]), **target)
            else:
                draft = parse_contact_form(
                    read_contact_form(view), region=deps.settings.phone_region
                )
                if "contact_id" in meta:
                    await update_contact(contact_id=int(meta["contact_id"]), draft=draft, **target)
                else:
                    await add_contact(draft=draft, **target)
            card = await load_card(
                session=session, team_id=person.team_id, customer_id=target["customer_id"]
            )
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=form_errors(invalid.errors, person.lang))
        return
    await ack()
    await tell_user(
        client, channel=meta.get("channel"), user=person.user_id, reply=card_reply(card, context)
    )


async def card_button(
    ack: AsyncAck,
    body: Body,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    await ack()
    person, deps = person_of(context), deps_of(context)
    channel = (body.get("channel") or {}).get("id")
    verb, customer_id, contact_id = _parse_action(action)
    try:
        async with deps.db.transaction() as session:
            gate = await gate_of(context, session)
            card = await load_card(
                session=session, team_id=person.team_id, customer_id=customer_id, gate=gate
            )
            may_edit = await gate.may_edit(card.customer)
    except CardNotFound:
        await respond_private(respond, Reply(t("customer.gone", person.lang)))
        return
    if verb not in ("open", "share") and not may_edit:
        await respond_private(respond, not_allowed(card.customer, person.lang))
        return
    contact = next((c for c in card.contacts if c.id == contact_id), None)
    if verb in ("open", "share"):
        reply = card_reply(card, context)
        if verb == "share":
            shared = context_block(t("customer.shared_by", person.lang, who=f"<@{person.user_id}>"))
            await respond(
                response_type="in_channel",
                replace_original=False,
                text=reply.text,
                blocks=[*reply.blocks, shared][:50],
            )
            return
        await respond_private(respond, reply)
    elif verb == "remove" and contact is not None:
        meta = json.dumps(
            {"channel": channel, "customer_id": customer_id, "contact_id": contact.id}
        )
        await open_modal(
            client, body["trigger_id"], build_remove_contact_modal(person.lang, contact.name, meta)
        )
    elif verb in ("edit", "contact", "edit_contact"):
        kind = "edit" if verb == "edit" else "contact"
        await open_modal(
            client,
            body["trigger_id"],
            card_modal(kind, card.customer, person.lang, channel, contact),
        )


async def create_named(
    ack: AsyncAck,
    body: Body,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    await ack()
    person = person_of(context)
    form = CustomerForm(legal_name=action.get("value", ""), manager_id=person.user_id)
    channel = (body.get("channel") or {}).get("id")
    await open_modal(
        client,
        body["trigger_id"],
        build_customer_modal(person.lang, form, metadata={"channel": channel}),
    )


def _parse_action(action: Body) -> tuple[str, int, int | None]:
    """Button value `42`, or overflow value `edit:42:7` / `remove:42:7`."""
    verbs = {
        ids.OPEN_CARD: "open",
        ids.EDIT_CARD: "edit",
        ids.ADD_CONTACT: "contact",
        ids.SHARE_CARD: "share",
    }
    if action["action_id"] == ids.CONTACT_MENU:
        verb, customer_id, contact_id = action["selected_option"]["value"].split(":")
        return ("edit_contact" if verb == "edit" else "remove"), int(customer_id), int(contact_id)
    return verbs[action["action_id"]], int(action["value"]), None


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.CUSTOMER_NEW_VIEW)(guarded(inflight, customer_submitted))
    app.view(ids.CUSTOMER_EDIT_VIEW)(guarded(inflight, customer_submitted))
    for callback in (ids.CONTACT_ADD_VIEW, ids.CONTACT_EDIT_VIEW, ids.CONTACT_REMOVE_VIEW):
        app.view(callback)(guarded(inflight, contact_submitted))
    for action_id in (
        ids.OPEN_CARD,
        ids.EDIT_CARD,
        ids.ADD_CONTACT,
        ids.SHARE_CARD,
        ids.CONTACT_MENU,
    ):
        app.action(action_id)(guarded(inflight, card_button))
    app.action(ids.CREATE_NAMED)(guarded(inflight, create_named))
