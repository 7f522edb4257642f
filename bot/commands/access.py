"""The acting person's gate: what they may see and change, built at the edge."""

from __future__ import annotations

from slack_bolt.context.async_context import AsyncBoltContext
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.commands.deps import deps_of
from bot.commands.replies import person_of
from bot.customers.visibility import Gate, gate_for
from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.views.blocks import Reply


def is_admin(context: AsyncBoltContext) -> bool:
    person = person_of(context)
    return person.is_admin or person.user_id in deps_of(context).settings.admins


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
