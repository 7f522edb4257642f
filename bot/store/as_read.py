"""A card read in an earlier transaction, written or checked on condition that it is still
as it was read: not archived, restored or merged since (a `/log` line's card is read before
SQLite's write lock is taken, issue 17).

The statements are made once and run with each line's values (bound parameters): making
them, with their four conditions, cost more than SQLite's running them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, inspect, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import ReturningUpdate
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from bot.store.models import Contact, Customer
from bot.store.types import column_rows, saved_id, table_of

# The card that the ORM's RETURNING brings back (mark_live_card_contacted's) replaces the
# session's copy of it, if the session has one: the ORM would otherwise set the new value on
# that copy by evaluating the statement's parameter without its value, to None. Changes of
# that copy not yet written are not lost: the UPDATE flushes them first (autoflush).
_RETURNED = {"synchronize_session": False, "populate_existing": True}


def _values(team_id: str, as_read: Customer) -> dict[str, Any]:
    return {
        "card": saved_id(as_read),
        "team": team_id,
        "archived": as_read.archived_at,
        "merged": as_read.merged_into,
    }


async def still_as_read(*, session: AsyncSession, team_id: str, as_read: Customer) -> bool:
    """Whether the card is still as it was read, perhaps in an earlier transaction."""
    found = await session.exec(_still(), params=_values(team_id, as_read))
    return found.first() is not None


async def mark_contacted(
    *, session: AsyncSession, team_id: str, at: datetime, as_read: Customer
) -> Customer | None:
    """The card with its latest contact at `at`, in one statement (no read of it first):
    None when it is not in the workspace, or no longer as `as_read` says — archived,
    restored or merged since it was read, perhaps in an earlier transaction. What comes
    back is the card as the write left it, every column (its value tier may have changed
    since it was read): the session's own copy if it holds one, else `as_read`, given the
    row as stored, not as changes to write again. A Core UPDATE … RETURNING: the ORM's,
    making the row an entity, had cost a `/log` line more than its record's INSERT (issue
    17). Changes the session holds are written first (autoflush)."""
    values = _values(team_id, as_read) | {"at": at}
    written = await column_rows(session, _contacted_row(), values)
    if not written:
        return None
    key = Session.identity_key(Customer, saved_id(as_read))
    held = session.sync_session.identity_map.get(key)
    card = held if isinstance(held, Customer) else as_read
    for name, value in zip(_row_attributes(), written[0], strict=True):
        set_committed_value(card, name, value)
    return card


async def mark_live_card_contacted(
    *, session: AsyncSession, team_id: str, card_id: int, at: datetime, contact_id: int | None
) -> ContactedCard | None:
    """A card named by its id (a form's choice) with its latest contact at `at`, and whether
    the contact chosen with it (if any) is the card's and still on it, in one statement: None
    when the card is not in the workspace, archived or merged. Whether the person may log on
    it is for the caller to check on the card that comes back, and a refusal to roll back."""
    values = {"card": card_id, "team": team_id, "archived": None, "merged": None, "at": at}
    if contact_id is None:
        returned = await session.exec(_contacted(), params=values, execution_options=_RETURNED)
        card: Customer | None = returned.scalars().first()
        return None if card is None else ContactedCard(card, ChosenContact.LIVE)
    values["contact"] = contact_id
    with_contact = await session.exec(
        _contacted_with_contact(), params=values, execution_options=_RETURNED
    )
    found = with_contact.first()
    if found is None:
        return None
    chosen = ChosenContact.OTHER_CARD if found[1] is None else ChosenContact(found[1])
    return ContactedCard(found[0], chosen)


class ChosenContact(IntEnum):
    """The contact a form chose, as the card's write found it (none chosen counts as live)."""

    OTHER_CARD = 0  # not one of the card's: chosen before the form's customer was changed
    LIVE = 1
    REMOVED = 2  # the card's, archived since the form was opened


@dataclass(frozen=True)
class ContactedCard:
    card: Customer  # as the write left it
    contact: ChosenContact


def _as_read() -> tuple[ColumnElement[bool], ...]:
    cards = table_of(Customer)
    return (
        col(Customer.id) == bindparam("card"),
        col(Customer.team_id) == bindparam("team"),
        col(Customer.archived_at).is_not_distinct_from(
            bindparam("archived", type_=cards.c.archived_at.type)
        ),
        col(Customer.merged_into).is_not_distinct_from(
            bindparam("merged", type_=cards.c.merged_into.type)
        ),
    )


@cache
def _still() -> SelectOfScalar[int | None]:
    return select(col(Customer.id)).where(*_as_read())


@cache
def _row_attributes() -> tuple[str, ...]:
    """The card's attribute for each column RETURNING gives, in its order."""
    mapper = inspect(Customer)
    return tuple(mapper.get_property_by_column(c).key for c in table_of(Customer).c)


@cache
def _contacted_row() -> ReturningUpdate[tuple[Any, ...]]:
    cards = table_of(Customer)
    at = bindparam("at", type_=cards.c.last_contact_at.type)
    return update(cards).where(*_as_read()).values(last_contact_at=at).returning(*cards.c)


@cache
def _contacted() -> ReturningUpdate[tuple[Customer]]:
    at = bindparam("at", type_=table_of(Customer).c.last_contact_at.type)
    return update(Customer).where(*_as_read()).values(last_contact_at=at).returning(Customer)


@cache
def _contacted_with_contact() -> ReturningUpdate[Customer, int | None]:
    """The same, and the contact chosen as the card holds it (ChosenContact's value; NULL when
    it is not the card's): a subquery in the RETURNING (SQLite and PostgreSQL both take one),
    where a read of the contact was a statement more."""
    at = bindparam("at", type_=table_of(Customer).c.last_contact_at.type)
    # The card by its parameter, not correlated: RETURNING names its columns without their
    # table, in the subquery too, where `customer_id = id` would be the contact's own id.
    state = case(
        (col(Contact.archived_at).is_(None), int(ChosenContact.LIVE)),
        else_=int(ChosenContact.REMOVED),
    )
    its = (
        select(state)
        .where(
            col(Contact.id) == bindparam("contact"), col(Contact.customer_id) == bindparam("card")
        )
        .scalar_subquery()
    )
    written = update(Customer).where(*_as_read()).values(last_contact_at=at)
    return written.returning(Customer, its)
