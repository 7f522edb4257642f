"""A card's match keys and search terms, written again when the card is saved.

On SQLite only the rows that changed: a card saved without a change to what they come from
(its status, level or phase, a note) writes none — no rows of the two biggest indexes
rewritten, and nothing an import beside it must look up again (migration 0028 counts every
key written). A save that knows the keys or terms the card had when it read it (`was`, made
from the card and contacts it read, as the stored ones were) reads none: it deletes those no
longer wanted and writes the new ones (a contact added read both only to find what it knew,
issue 17). SQLite's writers go one at a time, each reading the card's contacts after the one
before it committed, so what a save leaves is right.

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
from typing import Any, TypeVar

from sqlalchemy import BindParameter, Delete, Insert, Integer, String, bindparam, delete, tuple_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import Customer, CustomerKey, CustomerTerm
from bot.store.types import saved_id, table_of

Index = type[CustomerKey] | type[CustomerTerm]
Pair = tuple[object, object]  # a row's two values: a key's kind and key, a term and its weight
Stored = TypeVar("Stored")  # what names a stored row: its id, or its pair of values


async def replace_keys(
    *,
    session: AsyncSession,
    customer: Customer,
    keys: Iterable[tuple[str, str]],
    new: bool = False,
    was: Iterable[tuple[str, str]] | None = None,
) -> None:
    card = saved_id(customer)
    rows = [
        {"team_id": customer.team_id, "customer_id": card, "kind": k, "key": v[:200]}
        for k, v in keys
    ]
    had: list[Pair] | None = None if was is None else [(k, v[:200]) for k, v in was]
    insert = table_of(CustomerKey).insert()
    await _replace(session, CustomerKey, card, rows, had, ("kind", "key"), insert, new)


async def replace_terms(
    *,
    session: AsyncSession,
    customer: Customer,
    terms: dict[str, int],
    new: bool = False,
    was: dict[str, int] | None = None,
) -> None:
    card = saved_id(customer)
    rows = [
        {"team_id": customer.team_id, "customer_id": card, "term": t, "weight": w}
        for t, w in terms.items()
    ]
    had: list[Pair] | None = None if was is None else list(was.items())
    insert = _term_insert()
    await _replace(session, CustomerTerm, card, rows, had, ("term", "weight"), insert, new)


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
    had: list[Pair] | None,
    columns: tuple[str, str],
    insert: Insert,
    new: bool,
) -> None:
    """The card's rows of `model` made `rows`: on SQLite those no longer wanted deleted and
    the new ones inserted with `insert`, the others left as they are; on PostgreSQL all
    deleted and inserted again. A `new` card's are inserted: it has none to read or delete
    (a new card's save sent both for nothing, issue 17). `had`: the values of the rows the
    card had when this transaction read it; on SQLite, where no other writer can have
    changed them since, they are not read again."""
    if not new and had is not None and (await session.connection()).dialect.name == "sqlite":
        # each row it had stands for itself: those no longer wanted are deleted by value
        gone, rows = _changes([(pair, *pair) for pair in had], rows, columns)
        if gone:
            await session.exec(_delete_values(model, customer_id, columns, gone))
    elif not new:
        rows = await _stored_ones_replaced(session, model, customer_id, rows, columns)
    if rows:  # one executemany, no ids asked back: the ORM would ask one INSERT a row
        await session.exec(insert, params=rows)


def _delete_values(
    model: Index, customer_id: int, columns: tuple[str, str], gone: list[Pair]
) -> Delete:
    """One statement for the card's rows holding any of `gone`'s pairs of values."""
    table = table_of(model)
    pair = tuple_(table.c[columns[0]], table.c[columns[1]])
    return delete(table).where(table.c.customer_id == customer_id, pair.in_(gone))


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
    by_id: list[tuple[int, object, object]] = [(i, a, b) for i, a, b in stored.all()]
    gone_ids, rows = _changes(by_id, rows, columns)
    if gone_ids:
        await session.exec(delete(model).where(col(model.id).in_(gone_ids)))
    return rows


def _changes(
    stored: Sequence[tuple[Stored, object, object]],
    rows: list[dict[str, object]],
    columns: tuple[str, str],
) -> tuple[list[Stored], list[dict[str, object]]]:
    """What names each stored row no longer wanted (its id, or its values), and the wanted
    rows not stored; each row counted (a key may be there twice)."""
    wanted = Counter((row[columns[0]], row[columns[1]]) for row in rows)
    gone: list[Stored] = []
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


async def any_made_by_older_rules(*, session: AsyncSession, rules: int) -> bool:
    """Whether any card's keys and terms older rules made (ix_customer_index_rules)."""
    query = select(Customer.id).where(col(Customer.index_rules) < rules).limit(1)
    return (await session.exec(query)).first() is not None


async def cards_made_by_older_rules(
    *, session: AsyncSession, rules: int, after: tuple[int, int], limit: int
) -> list[Customer]:
    """Up to `limit` cards whose keys and terms older rules made, after `after` (the last
    card taken: its rules' version and id) in the order of ix_customer_index_rules, which
    the read walks without a sort and without the cards already made anew. On PostgreSQL
    locked, skipping those another replica's sweep or a save holds: two sweeps take
    different cards."""
    query = (
        select(Customer)
        .where(
            col(Customer.index_rules) < rules,
            tuple_(col(Customer.index_rules), col(Customer.id)) > tuple_(*after),
        )
        .order_by(col(Customer.index_rules), col(Customer.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.exec(query)).all())
