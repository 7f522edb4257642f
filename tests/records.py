"""A contact record, its follow-up and a decision maker written straight through a session,
for tests of what follows from them (kept health, the health sweep) rather than of /log or
the contact form themselves."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Contact, ContactRecord, FollowUp
from bot.store.team_models import ContactRole
from tests.conftest import TEAM


async def record_on(session: AsyncSession, card_id: int, *, author: str = "U_LI") -> ContactRecord:
    """A record on the card, flushed: it has its id, and the flush's hooks have run."""
    record = ContactRecord(team_id=TEAM, customer_id=card_id, author_id=author, summary="call")
    session.add(record)
    await session.flush()
    return record


async def decision_maker_on(
    session: AsyncSession,
    card_id: int,
    name: str,
    *,
    by: str = "U_LI",
    left_at: datetime | None = None,
) -> Contact:
    """A contact on the card in the decision maker's role (who left the company at
    `left_at`), flushed."""
    contact = Contact(customer_id=card_id, name=name, created_by=by)
    session.add(contact)
    await session.flush()
    role = ContactRole(
        contact_id=contact.id or 0,
        team_id=TEAM,
        customer_id=card_id,
        role="decision_maker",
        left_at=left_at,
    )
    session.add(role)
    return contact


def follow_up_of(record: ContactRecord, *, due_at: datetime) -> FollowUp:
    """The record's next step, owned by its author, due then (added by the caller)."""
    return FollowUp(
        team_id=record.team_id,
        customer_id=record.customer_id,
        record_id=record.id or 0,
        owner_id=record.author_id,
        title="send the offer",
        due_at=due_at,
    )
