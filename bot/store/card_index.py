"""A card's match keys and search terms, written again when the card is saved.

On SQLite only the rows that changed: a card saved without a change to what they come from
(its status, level or phase, a note) writes none — no rows of the two biggest indexes
rewritten, and nothing an import beside it must look up again (migration 0028 counts every
key written). A save that knows its keys or terms come out as they did when it read the card
(`unchanged`) does not even read them. SQLite's writers go one at a time, each reading the
card's contacts after the one before it committed, so what a save leaves is right.

On PostgreSQL all of them, deleted and written again: two saves of one card can run at once
there (a contact removed while another is added), each reading the contacts as they were
before the other committed. Writing only its own changes, the second could delete a key the
first still needs (both contacts at jinke.com.cn: the domain's key removed with one, not
written again with the other, already there as it read), and a duplicate check would miss
the card. Written whole, the save that writes last writes the keys of every contact it read:
at worst one too many. One too few only when a contact is saved between another save's read
of the contacts and its write, a few milliseconds; a card's edit reads them after taking the
workspace's lock on card writes, so that its wait for another card's save is not among them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Insert, Integer, String, bindparam, delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import Customer, CustomerKey, CustomerTerm
from bot.store.types import saved_id, table_of

Index = type[CustomerKey] | type[CustomerTerm]


async def replace_keys(
    *,
    session: AsyncSession,
    customer: Customer,
    keys: Iterable[tuple[str, str]],
    new: bool = False,
    unchanged: bool = False,
) -> None:
    rows = [
        {"team_id": customer.team_id, "customer_id": saved_id(customer), "kind": k, "key": v[:200]}
        for k, v in keys
    ]
    insert = table_of(CustomerKey).insert()
    await _replace(
        session, CustomerKey, saved_id(customer), rows, ("kind", "key"), insert, new, unchanged
    )


async def replace_terms(
    *,
    session: AsyncSession,
    customer: Customer,
    terms: dict[str, int],
    new: bool = False,
    unchanged: bool = False,
) -> None:
    rows = [
        {"team_id": customer.team_id, "customer_id": saved_id(customer), "term": t, "weight": w}
        for t, w in terms.items()
    ]
    insert = _term_insert()
    await _replace(
        session, CustomerTerm, saved_id(customer), rows, ("term", "weight"), insert, new, unchanged
    )


@cache
def _term_insert() -> Insert:
    """A term written with its card's manager as the card's row has it when the term is
    written, not as this session read it: on PostgreSQL a card handed over by another
    transaction that committed in between keeps its terms with its new manager (migration
    0029's trigger copies a handover onto the terms already written)."""
    terms, cards = table_of(CustomerTerm), table_of(Customer)
    given = {"team_id": String, "customer_id": Integer, "term": String, "weight": Integer}
    values: list[BindParameter[Any]] = [bindparam(n, type_=kind) for n, kind in given.items()]
    card: Select[*tuple[Any, ...]] = Select(*values, cards.c.manager_id)
    card = card.where(cards.c.id == values[1])
    return terms.insert().from_select([*given, "manager_id"], card)


async def _replace(
    session: AsyncSession,
    model: Index,
    customer_id: int,
    rows: list[dict[str, object]],
    columns: tuple[str, str],
    insert: Insert,
    new: bool,
    unchanged: bool,
) -> None:
    """The card's rows of `model` made `rows`: on SQLite those no longer wanted deleted and
    the new ones inserted with `insert`, the others left as they are; on PostgreSQL all
    deleted and inserted again. A `new` card's are inserted: it has none to read or delete
    (a new card's save sent both for nothing, issue 17). `unchanged`: the rows are those
    the card had when this transaction read it; on SQLite, where no other writer can have
    changed them since, nothing is read or written."""
    if unchanged and not new and (await session.connection()).dialect.name == "sqlite":
        return
    if not new:
        rows = await _stored_ones_replaced(session, model, customer_id, rows, columns)
    if rows:  # one executemany, no ids asked back: the ORM would ask one INSERT a row
        await session.exec(insert, params=rows)


async def _stored_ones_replaced(
    session: AsyncSession,
    model: Index,
    customer_id: int,
    rows: list[dict[str, object]],
    columns: tuple[str, str],
) -> list[dict[str, object]]:
    """The card's stored rows no longer wanted deleted (on PostgreSQL all of them); the
    wanted rows still to write."""
    if (await session.connection()).dialect.name != "sqlite":
        await session.exec(delete(model).where(col(model.customer_id) == customer_id))
        return rows
    table = table_of(model)
    stored = await session.exec(
        select(table.c.id, table.c[columns[0]], table.c[columns[1]]).where(
            table.c.customer_id == customer_id
        )
    )
    gone, rows = _changes(stored.all(), rows, columns)
    if gone:
        await session.exec(delete(model).where(col(model.id).in_(gone)))
    return rows


def _changes(
    stored: Sequence[tuple[int, object, object]],
    rows: list[dict[str, object]],
    columns: tuple[str, str],
) -> tuple[list[int], list[dict[str, object]]]:
    """The ids of the stored rows no longer wanted, and the wanted rows not stored; each row
    counted (a key may be there twice)."""
    wanted = Counter((row[columns[0]], row[columns[1]]) for row in rows)
    gone: list[int] = []
    for row_id, first, second in stored:
        if wanted[(first, second)] > 0:
            wanted[(first, second)] -= 1
        else:
            gone.append(row_id)
    new = []
    for row in rows:
        value = (row[columns[0]], row[columns[1]])
        if wanted[value] > 0:
            wanted[value] -= 1
            new.append(row)
    return gone, new
