"""What a card's creation or edit must pass before it is saved: a free short name, and no
other card of the same company."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.duplicates import DuplicateFound, find_duplicates
from bot.customers.form import CustomerDraft, FormInvalid, Message
from bot.customers.keys import CardFacts
from bot.store.customers import get_customer_by_handle
from bot.store.models import Customer


async def with_free_handle(
    session: AsyncSession,
    team_id: str,
    draft: CustomerDraft,
    own: Customer | None = None,
    free: bool = False,
) -> CustomerDraft:
    """A short name typed by the person must be free; a suggested one gets a number. `own`:
    the card being changed, whose own short name is its to keep; `free`: the short name
    asked for is known to be free (neither is looked up)."""
    if free or (own is not None and draft.handle.lower() == own.handle_key):
        return draft
    for attempt in range(1, 100):
        handle = draft.handle if attempt == 1 else f"{draft.handle[:29]}{attempt}"
        taken = await get_customer_by_handle(session=session, team_id=team_id, handle=handle)
        if taken is None or (own is not None and taken.id == own.id):
            return replace(draft, handle=handle)
        if not draft.handle_suggested:
            message = Message(
                "field.short_name.taken", {"handle": handle, "name": taken.legal_name}
            )
            raise FormInvalid({"short_name": message})
    raise FormInvalid({"short_name": Message("field.short_name.invalid")})


async def check_not_duplicate(
    session: AsyncSession,
    team_id: str,
    facts: CardFacts,
    exclude_id: int | None,
    different_company: bool,
) -> None:
    """Another card of the same company (name, website, email, phone, credit code) is
    refused unless the person said it is a different company."""
    if different_company:
        return
    matches = await find_duplicates(
        session=session, team_id=team_id, facts=facts, exclude_id=exclude_id
    )
    if matches:
        raise DuplicateFound(matches)


def identity_changed(customer: Customer, draft: CustomerDraft) -> bool:
    """Whether an edit touches what tells one company from another."""
    phone = draft.phone.e164 if draft.phone else ""
    return (
        customer.legal_name,
        customer.website,
        customer.email,
        customer.phone_e164,
        customer.credit_code,
    ) != (draft.legal_name, draft.website, draft.email, phone, draft.credit_code)
