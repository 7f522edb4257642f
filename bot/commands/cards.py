"""Steps shared by the /customer subcommands and the card's buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.commands.access import gate_of, not_allowed
from bot.commands.deps import deps_of
from bot.commands.replies import ack_ephemeral, open_modal, person_of, respond_private
from bot.customers.cards import CustomerCard, load_card
from bot.customers.fields import Phone
from bot.customers.form import ContactForm, customer_form_of
from bot.customers.search import Resolution, resolve_customer
from bot.i18n import Lang, t
from bot.store.models import Contact, Customer
from bot.views.blocks import Reply
from bot.views.customer_card import build_customer_card, build_find_results, build_not_found
from bot.views.customer_modal import build_contact_modal, build_customer_modal


async def reply_for_resolution(
    session: AsyncSession, resolution: Resolution, text: str, context: AsyncBoltContext
) -> Reply:
    person = person_of(context)
    if resolution.customer is not None:
        card = await load_card(
            session=session, team_id=person.team_id, customer_id=resolution.customer.id
        )
        return card_reply(card, context)
    if resolution.choices:
        return build_find_results(resolution.choices, text, person.lang, ambiguous=True)
    return build_not_found(text, person.lang)


def card_reply(card: CustomerCard, context: AsyncBoltContext) -> Reply:
    return build_customer_card(
        card, person_of(context).lang, home_region=deps_of(context).settings.phone_region
    )


async def open_card_modal(
    kind: str,
    *,
    ack: AsyncAck,
    rest: str,
    command: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    """`/customer edit X` and `/customer contact X`: find X, then open its modal."""
    person = person_of(context)
    if not rest:
        await ack_ephemeral(ack, Reply(t(f"customer.usage_{kind}", person.lang)))
        return
    await ack()
    async with deps_of(context).db.transaction() as session:
        gate = await gate_of(context, session)
        resolution = await resolve_customer(
            session=session, team_id=person.team_id, text=rest, gate=gate
        )
        if resolution.customer is None:
            await respond_private(
                respond, await reply_for_resolution(session, resolution, rest, context)
            )
            return
        if not await gate.may_edit(resolution.customer):
            await respond_private(respond, not_allowed(resolution.customer, person.lang))
            return
    view = card_modal(kind, resolution.customer, person.lang, command["channel_id"])
    await open_modal(client, command["trigger_id"], view)


def card_modal(
    kind: str, customer: Customer, lang: Lang, channel: str | None, contact: Contact | None = None
) -> dict[str, Any]:
    metadata = {"channel": channel, "customer_id": customer.id}
    if kind == "edit":
        return build_customer_modal(lang, edit_form(customer), metadata=metadata, editing=True)
    if contact is not None:
        metadata["contact_id"] = contact.id
        return build_contact_modal(lang, contact_form(contact), metadata=metadata, editing=True)
    return build_contact_modal(lang, ContactForm(), metadata=metadata)


def edit_form(customer: Customer) -> Any:
    values = {
        name: getattr(customer, name)
        for name in (
            "legal_name",
            "address",
            "province",
            "city",
            "county",
            "email",
            "website",
            "notes",
            "status",
            "level",
            "manager_id",
            "security_level",
            "credit_code",
        )
    }
    values["short_name"] = customer.handle
    values["phone"] = _typed_phone(customer.phone_e164, customer.phone_ext)
    return customer_form_of(values)


def contact_form(contact: Contact) -> ContactForm:
    return ContactForm(
        salutation=contact.salutation,
        name=contact.name,
        title=contact.title,
        office_phone=_typed_phone(contact.office_phone_e164, contact.office_phone_ext),
        home_phone=_typed_phone(contact.home_phone_e164, ""),
        mobile=_typed_phone(contact.mobile_e164, ""),
        email=contact.email,
    )


def _typed_phone(e164: str, extension: str) -> str:
    return Phone(e164, extension).formatted(home_region="ZZ") if e164 else ""
