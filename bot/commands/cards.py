"""Steps shared by the /customer subcommands and the card's buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands.deps import deps_of
from bot.commands.replies import person_of
from bot.customers.cards import CustomerCard
from bot.customers.fields import Phone
from bot.customers.form import ContactForm, customer_form_of
from bot.i18n import Lang
from bot.store.models import Contact, Customer
from bot.views.blocks import Reply
from bot.views.customer_card import (
    build_customer_card,
)
from bot.views.customer_modal import build_contact_modal, build_customer_modal


def card_reply(card: CustomerCard, context: AsyncBoltContext) -> Reply:
    person = person_of(context)
    return build_customer_card(
        card, person.lang, tz=person.tz, home_region=deps_of(context).settings.phone_region
    )


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
