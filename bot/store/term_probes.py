"""Look-ups of several texts at once, in one statement: a find's several spellings of one
text in the search terms, and the first words of a `/log` line both as short names and in
the search terms."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    case,
    exists,
    literal,
    union_all,
)
from sqlalchemy.sql import FromClause
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.store.customers import LAST_CODE_POINT
from bot.store.models import Customer, CustomerTerm
from bot.store.one_of import listed_in
from bot.store.types import column_rows, table_of

Term = tuple[int, str, int]  # customer_id, term, weight


async def customers_by_handles(
    *, session: AsyncSession, team_id: str, handles: Sequence[str]
) -> dict[str, Customer]:
    """The cards whose short name is one of `handles` (lower case), by short name."""
    wanted = sorted({handle.lower() for handle in handles})
    if not wanted:
        return {}
    found = await session.exec(_by_handles(), params={"team": team_id, "handles": wanted})
    return {customer.handle_key: customer for customer in found.all()}


@cache
def _by_handles() -> SelectOfScalar[Customer]:
    """Made once, run with each line's values (bound parameters): making it cost more than
    SQLite's running it (issue 17)."""
    return select(Customer).where(
        col(Customer.team_id) == bindparam("team"),
        listed_in(col(Customer.handle_key), "handles"),
    )


async def terms_with_prefix(
    *, session: AsyncSession, team_id: str, prefix: str, limit: int, manager_id: str = ""
) -> list[Term]:
    """(customer_id, term, weight) for terms equal to `prefix`, then terms that start with it,
    up to `limit`: one range of the index in its order, so an exact name is never crowded
    out by longer ones. With `manager_id`, only that person's cards: theirs are never
    crowded out by others'."""
    found = await terms_with_prefixes(
        session=session, team_id=team_id, prefixes=[prefix], limit=limit, manager_id=manager_id
    )
    return found[prefix]


async def terms_with_prefixes(
    *,
    session: AsyncSession,
    team_id: str,
    prefixes: Sequence[str],
    limit: int,
    manager_id: str = "",
    each_if_none_before: bool = False,
) -> dict[str, list[Term]]:
    """`terms_with_prefix` of each prefix (a find's several spellings of one text), all in
    one statement: each prefix's terms as a limited part of one UNION ALL. With
    `each_if_none_before`, a prefix's terms are read only when the prefix before it holds
    none (a misspelling's ever shorter starts: the first that holds any decides)."""
    prefixes = list(dict.fromkeys(prefixes))
    if not prefixes:
        return {}
    values: dict[str, Any] = {"team": team_id, "manager": manager_id, "limit": limit}
    values |= prefix_values(prefixes)
    probe = prefixes_statement(len(prefixes), bool(manager_id), each_if_none_before)
    rows = await column_rows(session, probe, values)
    return by_prefix(prefixes, rows, limit)


async def handles_and_terms(
    *,
    session: AsyncSession,
    team_id: str,
    handles: Sequence[str],
    prefixes: Sequence[str],
    limit: int,
) -> tuple[dict[str, Customer], dict[str, list[Term]]]:
    """`customers_by_handles` and `terms_with_prefixes` of a `/log` line's first words in one
    statement (issue 17: its look-up and its write in at most 4): the cards named come back
    whole beside their short name's row, the terms alone."""
    wanted = sorted({handle.lower() for handle in handles})
    prefixes = list(dict.fromkeys(prefixes))
    if not wanted or not prefixes:
        return (
            await customers_by_handles(session=session, team_id=team_id, handles=wanted),
            await terms_with_prefixes(
                session=session, team_id=team_id, prefixes=prefixes, limit=limit
            ),
        )
    values: dict[str, Any] = {"team": team_id, "manager": "", "limit": limit, "handles": wanted}
    values |= prefix_values(prefixes)
    rows: list[Any] = list(
        (await session.exec(_named_and_probe(len(prefixes)), params=values)).all()
    )
    named = {customer.handle_key: customer for *_, customer in rows if customer is not None}
    terms = [row[:5] for row in rows if row[1] != NAMED]
    return named, by_prefix(prefixes, terms, limit)


def prefix_values(prefixes: Sequence[str]) -> dict[str, str]:
    """`prefixes_statement`'s values for these prefixes: each one and the bound past its
    longer terms."""
    values: dict[str, str] = {}
    for number, prefix in enumerate(prefixes):
        values |= {f"prefix{number}": prefix, f"beyond{number}": prefix + LAST_CODE_POINT}
    return values


def by_prefix(prefixes: list[str], rows: Sequence[Any], limit: int) -> dict[str, list[Term]]:
    """A probe's rows by prefix: each prefix's exact terms first, then the longer ones, up to
    `limit`."""
    found: dict[str, list[Term]] = {prefix: [] for prefix in prefixes}
    for wanted in (0, 1):
        for probe, part, customer_id, term, weight in rows:
            kept = found[prefixes[probe]]
            if part == wanted and len(kept) < limit:
                kept.append((customer_id, term, weight))
    return found


NAMED = 2  # the part of `_named_and_probe` that holds the cards named by their short name


@lru_cache(maxsize=8)
def _named_and_probe(count: int) -> Select[Any]:
    """`prefixes_statement` of `count` prefixes, and a part of the cards whose short name is
    among `handles`, each joined to its card's row (the others to none)."""
    cards = table_of(Customer)
    columns: list[Any] = [
        literal(-1).label("probe"),
        literal(NAMED).label("part"),
        cards.c.id.label("customer_id"),
        cards.c.handle_key.label("term"),
        literal(0).label("weight"),
    ]
    named = cast("Select[Any]", Select(*columns)).where(
        cards.c.team_id == bindparam("team", type_=String),
        listed_in(cards.c.handle_key, "handles"),
    )
    probe = prefixes_statement(count, False).subquery()
    together = union_all(named, Select(*probe.c)).subquery()
    listed: list[Any] = [*together.c, Customer]
    joined = (
        cast("Select[Any]", Select(*listed))
        .select_from(together)
        .outerjoin(
            Customer, and_(col(Customer.id) == together.c.customer_id, together.c.part == NAMED)
        )
        # in no order: each prefix's part holds at most `limit` rows, all of which by_prefix
        # keeps (sorting them cost SQLite a temporary B-tree on every `/log` line)
    )
    return joined


@lru_cache(maxsize=32)
def prefixes_statement(count: int, theirs: bool, each_if_none_before: bool = False) -> Select[Any]:
    """The statement for `count` prefixes, made once and run with each find's values: making
    this UNION ALL cost more than SQLite's running it (issue 17), and a statement object
    made once also keeps its cache key. `each_if_none_before`: a prefix's part reads nothing
    when the prefix before it holds a term (SQLite and PostgreSQL look that up once)."""
    terms = table_of(CustomerTerm)
    limit = bindparam("limit", type_=Integer)
    parts: list[Select[Any]] = []
    for number in range(count):
        prefix = bindparam(f"prefix{number}", type_=String)
        # a part whose prefix before it holds a term reads nothing: in its LIMIT, which
        # SQLite and PostgreSQL work out once, before the scan (in its WHERE, SQLite read
        # the whole range, finding each row refused)
        most = (
            case(
                (exists().where(*_held(terms.alias("before"), number - 1, theirs)), 0), else_=limit
            )
            if each_if_none_before and number
            else limit
        )
        # One range of the index in its order: the terms equal to the prefix come first,
        # so that longer ones never crowd them out, and no more than `limit` rows are read
        # (two scans, the exact terms and the longer ones, read up to twice as many: a
        # common syllable's 500 exact terms and 500 longer ones that were never kept).
        query = (
            Select(
                literal(number).label("probe"),
                case((terms.c.term == prefix, 0), else_=1).label("part"),
                terms.c.customer_id,
                terms.c.term,
                terms.c.weight,
            )
            .where(*_held(terms, number, theirs))
            .order_by(terms.c.term)
            .limit(most)
            .subquery()
        )
        parts.append(Select(*query.c))
    together = union_all(*parts).subquery()
    return Select(*together.c)


def _held(terms: FromClause, number: int, theirs: bool) -> list[ColumnElement[bool]]:
    """The workspace's terms that are the `number`th prefix or start with it; with `theirs`,
    only the person's cards, told by the manager each entry of the prefix index holds, where
    a join read every term's card to find theirs (migration 0029)."""
    mine = [terms.c.manager_id == bindparam("manager", type_=String)] if theirs else []
    return [
        terms.c.team_id == bindparam("team", type_=String),
        terms.c.term >= bindparam(f"prefix{number}", type_=String),
        terms.c.term < bindparam(f"beyond{number}", type_=String),
        *mine,
    ]
