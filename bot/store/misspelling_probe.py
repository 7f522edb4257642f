"""A misspelling's first look-ups in one statement: the deletion keys one letter from the
text, the spellings one edit away as whole terms, and the terms starting like its longest
shorter prefix (bot/customers/misspellings.py). They had been three statements, of the
five or six a find sends when fewer cards than a page match what was typed (issue 17: at
most 4 on the hot paths); the look-ups of shorter prefixes, needed only when that one finds
nothing close, still come apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import literal, union_all
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.customers import terms_statement
from bot.store.key_lookups import keys_statement, keys_values
from bot.store.term_probes import Term, by_prefix, prefix_values, prefixes_statement
from bot.store.types import column_rows

KEYS, SPELLINGS, PREFIX = 0, 1, 2  # the statement's parts (PREFIX + 0: exact, + 1: longer)


@dataclass(frozen=True)
class FirstLook:
    keys: list[int]  # the cards of the keys found (match_keys')
    spellings: list[Term]  # the spellings found as whole terms (terms_in's)
    close: list[Term]  # the terms starting with the prefix (terms_with_prefix's)


async def first_look(
    *,
    session: AsyncSession,
    team_id: str,
    keys: Sequence[tuple[str, str]],
    spellings: Sequence[str],
    prefix: str,
    limit: int,
) -> FirstLook:
    """`match_keys` of `keys`, `terms_in` of `spellings` and `terms_with_prefix` of `prefix`
    (each left out when empty), each up to `limit` rows, in one statement."""
    kinds, values = keys_values(keys)
    values |= {"team": team_id, "manager": "", "limit": limit, "terms": list(spellings)}
    values |= prefix_values([prefix])
    statement = _first_look(kinds, bool(spellings), bool(prefix))
    if statement is None:
        return FirstLook([], [], [])
    rows = await column_rows(session, statement, values)
    prefixed = [(0, part - PREFIX, *rest) for part, *rest in rows if part >= PREFIX]
    return FirstLook(
        [customer_id for part, customer_id, _, _ in rows if part == KEYS],
        [
            (customer_id, term, weight)
            for part, customer_id, term, weight in rows
            if part == SPELLINGS
        ],
        by_prefix([prefix], prefixed, limit)[prefix] if prefix else [],
    )


@lru_cache(maxsize=16)
def _first_look(kinds: int, spellings: bool, prefix: bool) -> Select[Any] | None:
    """Made once for each shape and run with each text's values (issue 17)."""
    parts: list[Select[Any]] = []
    if kinds:
        found = keys_statement(kinds, False).subquery()
        parts.append(
            Select(
                literal(KEYS).label("part"),
                found.c.customer_id,
                found.c.key.label("term"),
                literal(0).label("weight"),
            )
        )
    if spellings:
        found = terms_statement(False).subquery()
        parts.append(Select(literal(SPELLINGS).label("part"), *found.c))
    if prefix:
        found = prefixes_statement(1, False).subquery()
        part = (found.c.part + PREFIX).label("part")
        parts.append(Select(part, found.c.customer_id, found.c.term, found.c.weight))
    if not parts:
        return None
    together = union_all(*parts).subquery()
    return Select(*together.c)
