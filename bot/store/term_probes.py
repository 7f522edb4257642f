"""A find's several spellings of one text looked up in the search terms in one statement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, literal, union_all
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.customers import LAST_CODE_POINT
from bot.store.models import CustomerTerm
from bot.store.types import table_of


async def terms_with_prefixes(
    *, session: AsyncSession, team_id: str, prefixes: Sequence[str], limit: int
) -> dict[str, list[tuple[int, str, int]]]:
    """`terms_with_prefix` of each prefix (a find's several spellings of one text), all in
    one statement: each prefix's exact and longer terms as limited parts of one UNION ALL."""
    prefixes = list(dict.fromkeys(prefixes))
    if not prefixes:
        return {}
    terms = table_of(CustomerTerm)
    parts: list[Select[Any]] = []
    for number, prefix in enumerate(prefixes):
        exact = terms.c.term == prefix
        longer = and_(terms.c.term > prefix, terms.c.term < prefix + LAST_CODE_POINT)
        for part, condition in enumerate((exact, longer)):
            query = (
                Select(
                    literal(number).label("probe"),
                    literal(part).label("part"),
                    terms.c.customer_id,
                    terms.c.term,
                    terms.c.weight,
                )
                .where(terms.c.team_id == team_id, condition)
                .limit(limit)
                .subquery()
            )
            parts.append(Select(*query.c))
    together = union_all(*parts).subquery()
    rows: list[Any] = list((await session.exec(Select(*together.c))).all())
    found: dict[str, list[tuple[int, str, int]]] = {prefix: [] for prefix in prefixes}
    for wanted in (0, 1):  # a prefix's exact terms first, then the longer ones, up to `limit`
        for probe, part, customer_id, term, weight in rows:
            kept = found[prefixes[probe]]
            if part == wanted and len(kept) < limit:
                kept.append((customer_id, term, weight))
    return found
