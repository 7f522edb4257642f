"""Store functions for customer cards, contacts, match keys, search terms and history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import TypeVar

from sqlalchemy import Integer, String, Table, bindparam, func, text, type_coerce
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.dml import ReturningInsert
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.key_lookups import each_key_statement, each_key_values, keys_statement, keys_values
from bot.store.models import Contact, ContactRecord, Customer, CustomerTerm
from bot.store.one_of import listed_in, not_by_index
from bot.store.team_models import ContactRole
from bot.store.types import column_rows, saved_id, table_of

LAST_CODE_POINT = "\U0010ffff"


async def lock_customer_writes(*, session: AsyncSession, team_id: str) -> None:
    """Serialize card creation per workspace, so a duplicate check and its insert are one
    step. SQLite already serializes writers (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        lock = text("SELECT pg_advisory_xact_lock(hashtext(:key))")
        # sqlmodel's exec runs any statement; its overloads name only selects and DML
        await session.exec(lock.bindparams(key=f"rapport.customer.{team_id}"))  # type: ignore[call-overload]


async def get_customer(*, session: AsyncSession, team_id: str, customer_id: int) -> Customer | None:
    customer = await session.get(Customer, customer_id)
    return customer if customer is not None and customer.team_id == team_id else None


async def get_customer_by_handle(
    *, session: AsyncSession, team_id: str, handle: str
) -> Customer | None:
    query = select(Customer).where(
        Customer.team_id == team_id, Customer.handle_key == handle.lower()
    )
    return (await session.exec(query)).first()


async def archived_named(*, session: AsyncSession, team_id: str, name: str) -> Customer | None:
    """An archived card (not merged away) whose full legal name is `name`, as typed."""
    query = select(Customer).where(
        Customer.team_id == team_id,
        Customer.legal_name == name.strip(),
        col(Customer.archived_at).is_not(None),
        col(Customer.merged_into).is_(None),
    )
    return (await session.exec(query)).first()


async def owners_by_activity(
    *, session: AsyncSession, team_id: str, ids: Iterable[int]
) -> dict[int, tuple[str, int]]:
    """id → (manager, place by latest contact or change: 0 the most recent, cards of the
    same moment sharing one): what orders a tie in find, without loading whole cards. The
    moments are ordered by the database, not read: for a crowded find's 200 cards, making
    400 of them into aware datetimes in Python cost as much as the statement (issue 17)."""
    wanted = list(ids)
    if not wanted:
        return {}
    values = {"team": team_id, "ids": wanted}
    found: dict[int, tuple[str, int]] = {}
    place, latest = -1, object()
    for customer_id, manager, moment in await column_rows(session, _owners_by_activity(), values):
        if moment != latest:  # compared as stored (text on SQLite), never parsed
            place, latest = place + 1, moment
        found[customer_id] = (manager, place)
    return found


@cache
def _owners_by_activity() -> Select[int, str, str | None]:
    """Made once and run with each find's cards (up to 200 of them)."""
    cards = table_of(Customer)
    # as stored: SQLite's text sorts as its moments do (one fixed format, bot/store/types.py)
    moment = type_coerce(func.coalesce(cards.c.last_contact_at, cards.c.updated_at), String)
    query = select(cards.c.id, cards.c.manager_id, moment.label("moment"))
    # by id, not the team's index (one_of.py): SQLite's plan before its statistics are kept
    in_team = not_by_index(cards.c.team_id) == bindparam("team")
    latest_first = moment.desc().nulls_last()
    return query.where(in_team, listed_in(cards.c.id, "ids")).order_by(latest_first)


Row = TypeVar("Row", bound=SQLModel)


async def add(*, session: AsyncSession, row: Row) -> Row:
    session.add(row)
    await session.flush()
    return row


async def insert_once(*, session: AsyncSession, row: Row) -> Row:
    """A new row that nothing changes later in the transaction (a contact record, its
    follow-up) written by one INSERT … RETURNING its id, its id set on it: the ORM's unit of
    work, a flush of the whole session, cost more than the statement (issue 17: on `/log`,
    a fifth of the command's Python). The row is not the session's: a later read of it
    is a read, not this object."""
    table = table_of(type(row))
    values = {column.key: getattr(row, column.key) for column in table.columns}
    values.pop("id")
    found = await session.exec(_insert_returning_id(table), params=values)
    row.id = found.scalar_one()
    return row


@lru_cache(maxsize=32)
def _insert_returning_id(table: Table) -> ReturningInsert[tuple[int]]:
    return table.insert().returning(table.c.id)


async def match_keys(
    *,
    session: AsyncSession,
    team_id: str,
    keys: Sequence[tuple[str, str]],
    limit: int = 1000,
    manager_id: str = "",
    each_key: bool = False,
) -> list[tuple[int, str, str]]:
    """(customer_id, kind, key) for stored keys equal to one of `keys`, at most `limit`
    (`each_key`: at most `limit` for each key, so that a key many cards share leaves the
    others their share); with `manager_id`, only that person's cards.

    Written as a kind's keys IN a list, OR-ed over the kinds: SQLite answers each from the
    (team, kind, key) index, where a row-value IN list would scan the table; and the
    statement is the same for any number of keys of these kinds, so it is compiled once.
    With `each_key`, one part for each key, all in one statement (bot/store/key_lookups.py)."""
    if not keys:
        return []
    if each_key:
        if manager_id:
            raise ValueError("a look-up limited for each key reads every manager's cards")
        count, values = each_key_values(keys)
        statement: Executable = each_key_statement(count)
    else:
        count, values = keys_values(keys)
        statement = keys_statement(count, bool(manager_id))
    values |= {"team": team_id, "manager": manager_id, "limit": limit}
    found = await column_rows(session, statement, values)
    return [(customer_id, kind, key) for customer_id, kind, key in found]


async def terms_in(
    *,
    session: AsyncSession,
    team_id: str,
    terms: Sequence[str],
    limit: int,
    manager_id: str = "",
) -> list[tuple[int, str, int]]:
    """(customer_id, term, weight) for terms equal to one of `terms`, at most `limit`; with
    `manager_id`, only that person's cards."""
    if not terms:
        return []
    values = {"team": team_id, "terms": list(terms), "manager": manager_id, "limit": limit}
    found = await column_rows(session, terms_statement(bool(manager_id)), values)
    return [(c, term, weight) for c, term, weight in found]


# The statement of the terms' look-up above, made once (with or without the person's own
# cards only) and run with each check's values: making it cost more than SQLite's running it
# (issue 17). The keys' are in bot/store/key_lookups.py.


@lru_cache(maxsize=2)
def terms_statement(theirs: bool) -> Select[int, str, int]:
    query = select(col(CustomerTerm.customer_id), col(CustomerTerm.term), col(CustomerTerm.weight))
    query = query.where(
        col(CustomerTerm.team_id) == bindparam("team"),
        listed_in(col(CustomerTerm.term), "terms"),
    )
    if theirs:  # the term's copy of its card's manager (migration 0029): no join
        query = query.where(col(CustomerTerm.manager_id) == bindparam("manager"))
    return query.limit(bindparam("limit", type_=Integer))


async def list_contacts(
    *, session: AsyncSession, customer_id: int, include_archived: bool = False
) -> list[Contact]:
    query = select(Contact).where(Contact.customer_id == customer_id).order_by(col(Contact.id))
    if not include_archived:
        query = query.where(col(Contact.archived_at).is_(None))
    return list((await session.exec(query)).all())


async def live_contacts_with_roles(
    *, session: AsyncSession, customer_id: int
) -> list[tuple[Contact, ContactRole | None]]:
    """The card's contacts not removed, in the order they were added, each with its role
    (None: never given one), in one statement."""
    query = (
        select(Contact, ContactRole)
        .outerjoin(ContactRole, col(ContactRole.contact_id) == Contact.id)
        .where(Contact.customer_id == customer_id, col(Contact.archived_at).is_(None))
        .order_by(col(Contact.id))
    )
    return [(contact, role) for contact, role in (await session.exec(query)).all()]


async def live_contacts_of(
    *, session: AsyncSession, customer_ids: Sequence[int]
) -> dict[int, list[Contact]]:
    """Each card's contacts not removed, in the order they were added."""
    found: dict[int, list[Contact]] = {card: [] for card in customer_ids}
    if not customer_ids:
        return found
    query = (
        select(Contact)
        .where(col(Contact.customer_id).in_(list(customer_ids)), col(Contact.archived_at).is_(None))
        .order_by(col(Contact.id))
    )
    for contact in (await session.exec(query)).all():
        found[contact.customer_id].append(contact)
    return found


async def contacts_in_place(*, session: AsyncSession, customer_id: int) -> list[Contact]:
    """The card's contacts still at the customer: not removed from the card, not marked as
    having left the company (someone who left does not accept a delivery or answer a
    survey for it)."""
    query = (
        select(Contact)
        .outerjoin(ContactRole, col(ContactRole.contact_id) == col(Contact.id))
        .where(
            Contact.customer_id == customer_id,
            col(Contact.archived_at).is_(None),
            col(ContactRole.left_at).is_(None),
        )
        .order_by(col(Contact.id))
    )
    return list((await session.exec(query)).all())


async def get_contact(
    *, session: AsyncSession, customer_id: int, contact_id: int
) -> Contact | None:
    contact = await session.get(Contact, contact_id)
    return contact if contact is not None and contact.customer_id == customer_id else None


async def count_customers(*, session: AsyncSession, team_id: str) -> int:
    query = select(func.count()).select_from(Customer).where(Customer.team_id == team_id)
    return (await session.exec(query)).one()


async def contact_names(
    *, session: AsyncSession, contact_ids: Iterable[int], customer_id: int | None = None
) -> dict[int, str]:
    """Names of contacts, removed ones included (history names the people it speaks of);
    with `customer_id`, only that card's."""
    wanted = sorted(set(contact_ids))
    if not wanted:
        return {}
    query = select(Contact.id, Contact.name).where(col(Contact.id).in_(wanted))
    if customer_id is not None:
        query = query.where(Contact.customer_id == customer_id)
    return {
        row_id: text for row_id, text in (await session.exec(query)).all() if row_id is not None
    }


async def record_summaries(*, session: AsyncSession, record_ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(record_ids))
    if not wanted:
        return {}
    query = select(ContactRecord.id, ContactRecord.summary).where(col(ContactRecord.id).in_(wanted))
    return {
        row_id: text for row_id, text in (await session.exec(query)).all() if row_id is not None
    }


async def follow_merges(*, session: AsyncSession, customers: list[Customer]) -> list[Customer]:
    """A merged card stands for the card it was merged into (once each, order kept)."""
    found: dict[int, Customer] = {}
    for customer in customers:
        current: Customer | None = customer
        for _ in range(5):  # merged into a card that was itself merged…
            if current is None or current.merged_into is None:
                break
            current = await session.get(Customer, current.merged_into)
        if current is not None and saved_id(current) not in found:
            found[saved_id(current)] = current
    return list(found.values())
