"""A prefix's look-up in the search terms: the terms equal to it first, then the longer ones
in order, never more rows than asked for (issue 17: a common syllable's exact terms and its
longer ones were two scans of up to 500 rows each, of which 500 were kept)."""

from __future__ import annotations

import pytest

from bot.store.db import Database
from bot.store.models import CustomerTerm
from bot.store.term_probes import (
    prefix_values,
    prefixes_statement,
    terms_with_prefix,
    terms_with_prefixes,
)
from bot.store.types import column_rows
from tests.conftest import TEAM, Create
from tests.statements import statements_and_values_sent

TERMS = ("fangb", "fang", "fanga", "fan", "fang", "fangc", "fangzheng", "fanh")


async def _with_terms(db: Database, create: Create) -> int:
    card = await create("方正贸易有限公司", short_name="FZ", actor="U_MGR")
    async with db.transaction(write=True) as session:
        for term in TERMS:
            session.add(CustomerTerm(team_id=TEAM, customer_id=card.id or 0, term=term))
    return card.id or 0


async def test_the_exact_terms_come_first_then_the_longer_ones_in_order(
    db: Database, create: Create
) -> None:
    card = await _with_terms(db, create)

    async with db.transaction() as session:
        found = await terms_with_prefix(session=session, team_id=TEAM, prefix="fang", limit=4)

    assert [term for customer_id, term, _ in found if customer_id == card] == [
        "fang",
        "fang",
        "fanga",
        "fangb",
    ]


async def test_no_more_rows_are_read_than_asked_for(db: Database, create: Create) -> None:
    await _with_terms(db, create)
    values = {"team": TEAM, "manager": "", "limit": 3} | prefix_values(["fang", "fan"])

    async with db.transaction() as session:
        rows = await column_rows(session, prefixes_statement(2, False), values)

    by_probe = [sum(1 for row in rows if row[0] == probe) for probe in (0, 1)]
    assert by_probe == [3, 3]
    assert sorted(row[3] for row in rows if row[0] == 1) == ["fan", "fang", "fang"]


async def test_a_shorter_prefix_is_read_only_when_the_one_before_holds_no_term(
    db: Database, create: Create
) -> None:
    await _with_terms(db, create)

    async with db.transaction() as session:
        held, none_before = [
            await terms_with_prefixes(
                session=session, team_id=TEAM, prefixes=pair, limit=10, each_if_none_before=True
            )
            for pair in (["fang", "fan"], ["fanx", "fan"])
        ]

    assert held["fang"] and held["fan"] == []
    assert none_before["fanx"] == [] and [t for _, t, _ in none_before["fan"]][:3] == [
        "fan",
        "fang",
        "fang",
    ]


async def test_sqlite_reads_a_prefixs_terms_from_the_index_alone(
    db: Database, create: Create
) -> None:
    """Each term's weight and card are in ix_customer_term_prefix (migration 0033): no look-up
    of the table for each of a crowded prefix's terms."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan")
    await _with_terms(db, create)

    with statements_and_values_sent(db) as sent:
        async with db.transaction() as session:
            await terms_with_prefixes(
                session=session, team_id=TEAM, prefixes=["fang", "fan"], limit=5
            )
            await terms_with_prefix(
                session=session, team_id=TEAM, prefix="fang", limit=5, manager_id="U_MGR"
            )
    assert len(sent) == 2  # one read for each look-up
    async with db.transaction() as session:
        connection = await session.connection()
        for statement, parameters in sent:
            plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            steps = [str(row[-1]) for row in plan.all() if "customer_term" in str(row[-1])]
            assert steps, statement
            assert all("COVERING INDEX ix_customer_term_prefix" in step for step in steps), steps
