"""The acting person's gate: what they may see and change, built at the edge."""

from __future__ import annotations

from slack_bolt.context.async_context import AsyncBoltContext
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.commands.actors import is_admin
from bot.commands.deps import deps_of
from bot.commands.replies import person_of
from bot.customers.cards import CardNotFound, load_card
from bot.customers.form import FormInvalid, Message
from bot.customers.visibility import Gate, gate_for
from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.views.blocks import Reply


async def gate_of(context: AsyncBoltContext, session: AsyncSession) -> Gate:
    person, deps = person_of(context), deps_of(context)
    channels = await deps.people.channels_of(context.client, person.team_id, person.user_id)
    return await gate_for(
        session,
        team_id=person.team_id,
        user_id=person.user_id,
        is_admin=is_admin(context),
        channels=channels,
    )


def not_allowed(customer: Customer, lang: Lang) -> Reply:
    return Reply(t("access.not_allowed", lang, name=customer.legal_name))


async def require_edit_in_form(
    context: AsyncBoltContext, session: AsyncSession, customer_id: int, field: str
) -> None:
    """A modal saved by someone who may not (or no longer) change the card: an error on one
    of its fields, in the person's language."""
    gate = await gate_of(context, session)
    person = person_of(context)
    try:
        card = await load_card(
            session=session, team_id=person.team_id, customer_id=customer_id, gate=gate
        )
    except CardNotFound:
        raise FormInvalid({field: Message("customer.gone")}) from None
    if not await gate.may_edit(card.customer):
        raise FormInvalid(
            {field: Message("access.not_allowed", {"name": card.customer.legal_name})}
        )
