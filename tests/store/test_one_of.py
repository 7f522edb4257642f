"""A long list of values is one parameter on PostgreSQL, and a statement made again with
other values finds those values, not the first one's (the compiled statement is cached)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event
from sqlalchemy.dialects import sqlite
from sqlmodel import col, select
from sqlmodel.sql.expression import Select

from bot.store.card_lists import _by_ids
from bot.store.db import Database
from bot.store.models import Customer, SlackProfile
from bot.store.one_of import listed_in, one_of
from bot.store.profiles import save_profile
from tests.conftest import TEAM, Create


async def _people(db: Database, count: int) -> None:
    async with db.transaction(write=True) as session:
        for n in range(count):
            await save_profile(
                session=session, profile=SlackProfile(team_id="T", user_id=f"U{n:04d}")
            )


async def _found(db: Database, wanted: list[str]) -> list[str]:
    query = select(SlackProfile.user_id).where(one_of(col(SlackProfile.user_id), wanted))
    async with db.transaction() as session:
        return sorted((await session.exec(query)).all())


async def test_each_list_finds_its_own_values_when_the_statement_is_cached(db: Database) -> None:
    await _people(db, 30)

    assert await _found(db, ["U0003", "U0001", "U0003"]) == ["U0001", "U0003"]
    assert await _found(db, ["U0007", "U0029", "U9999"]) == ["U0007", "U0029"]
    assert await _found(db, []) == []
    assert await _found(db, ["U0002"]) == ["U0002"]


async def test_two_thousand_values_are_one_parameter_on_postgresql(db: Database) -> None:
    await _people(db, 5)
    sent: list[int] = []

    def count(_c: object, _cur: object, _s: str, params: object, *_: object) -> None:
        sent.append(len(params) if isinstance(params, tuple | list | dict) else 0)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    wanted = [f"U{n:04d}" for n in range(2000)]

    assert await _found(db, wanted) == [f"U{n:04d}" for n in range(5)]
    expected = 1 if db.engine.dialect.name == "postgresql" else 2000
    assert sent[-1] == expected


def test_on_sqlite_it_is_the_plain_in_list_its_planner_reads_from_an_index() -> None:
    """Not `(user_id IN (…)) = 1`, as a boolean function would be written for a database
    without a boolean type: SQLite could then not look the values up in an index."""
    query = select(SlackProfile.team_id).where(one_of(col(SlackProfile.user_id), ["U1", "U2"]))

    written = str(query.compile(dialect=sqlite.dialect())).split("WHERE")[1].strip()

    assert written == "slack_profile.user_id IN (__[POSTCOMPILE_param_1])"


# listed_in: the list is given when a statement made once runs (the hot paths', issue 17)


def _listed_statement() -> Select[tuple[str]]:
    return select(SlackProfile.user_id).where(
        SlackProfile.team_id == "T", listed_in(col(SlackProfile.user_id), "wanted")
    )


async def _listed(db: Database, wanted: list[str]) -> list[str]:
    async with db.transaction() as session:
        found = await session.exec(_listed_statement(), params={"wanted": wanted})
        return sorted(found.all())


async def test_a_statement_made_once_finds_each_runs_list(db: Database) -> None:
    await _people(db, 30)

    assert await _listed(db, ["U0003", "U0001", "U0003"]) == ["U0001", "U0003"]
    assert await _listed(db, ["U0007", "U0029", "U9999", "用户"]) == ["U0007", "U0029"]
    assert await _listed(db, []) == []
    assert await _listed(db, ["U0002"]) == ["U0002"]


async def test_the_list_is_one_parameter_and_one_text_whatever_its_length(db: Database) -> None:
    await _people(db, 5)
    sent: list[tuple[str, int]] = []

    def keep(_c: object, _cur: object, statement: str, params: object, *_: object) -> None:
        sent.append((statement, len(params) if isinstance(params, tuple | list | dict) else 0))

    event.listen(db.engine.sync_engine, "before_cursor_execute", keep)
    await _listed(db, ["U0001"])
    await _listed(db, [f"U{n:04d}" for n in range(3000)])

    (first, first_count), (second, second_count) = sent[-2:]
    assert first == second
    assert first_count == second_count == 2  # the workspace and the list


async def test_sqlite_looks_the_listed_values_up_in_the_columns_index(db: Database) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's = ANY(array) is one_of's, above")
    query = select(Customer.id).where(
        Customer.team_id == "T", listed_in(col(Customer.handle_key), "handles")
    )
    compiled = query.compile(dialect=db.engine.dialect)
    async with db.transaction() as session:
        connection = await session.connection()
        plan = await connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}", ("T", json.dumps(["hp", "jinke"]))
        )
        steps = " ".join(str(row[-1]) for row in plan.all())

    assert steps.startswith("SEARCH customer USING") and "handle_key=?)" in steps, steps


async def test_a_value_longer_than_the_column_never_matches_the_row_its_start_names(
    db: Database,
) -> None:
    """PostgreSQL cuts a value cast to VARCHAR(32) to its first 32 characters."""
    full = "U" + "7" * 31  # as long as the column allows
    async with db.transaction(write=True) as session:
        await save_profile(session=session, profile=SlackProfile(team_id="T", user_id=full))
    too_long = full + "-and-more"

    assert await _listed(db, [full]) == [full]
    assert await _listed(db, [too_long]) == []
    assert await _found(db, [too_long]) == []


async def test_a_workspaces_cards_listed_by_id_are_fetched_by_id_without_statistics(
    db: Database, create: Create
) -> None:
    """With no statistics (a database never analysed), SQLite's planner would otherwise walk
    the workspace's whole index of cards for a list read from json_each."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL analyses on its own")
    first = await create("惠普中国有限公司", short_name="HP")
    await create("上海金科软件有限公司", short_name="JK")
    compiled = _by_ids().compile(dialect=db.engine.dialect)
    async with db.transaction() as session:
        connection = await session.connection()
        has_statistics = await connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        )
        assert has_statistics.scalar_one() == 0
        plan = await connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}", (TEAM, json.dumps([first.id]))
        )
        steps = " ".join(str(row[-1]) for row in plan.all())

    assert steps.startswith("SEARCH customer USING INTEGER PRIMARY KEY"), steps
