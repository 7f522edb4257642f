"""What the roll-ups read and keep: who supervises someone, and the health each reader was
last told about a card (`health_mark`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import String, and_, bindparam, cast, delete, func, insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import TeamMember
from bot.store.one_of import one_of, parts
from bot.store.team_models import HealthMark
from bot.store.types import UNIT, core_rows, packed, table_of, unpacked

Marks = dict[int, tuple[str, int]]  # card → (light, score) a reader was told


async def supervisors(*, session: AsyncSession) -> list[tuple[str, str]]:
    """(team, person) of everyone someone reports to."""
    query = (
        select(TeamMember.team_id, TeamMember.supervisor_id)
        .where(col(TeamMember.supervisor_id).is_not(None))
        .distinct()
    )
    return [(team, boss) for team, boss in (await session.exec(query)).all() if boss]


async def marks_of(*, session: AsyncSession, audience: str) -> dict[int, str]:
    """The light `audience` was last told for each card it was told about."""
    query = select(HealthMark.customer_id, HealthMark.light).where(HealthMark.audience == audience)
    return {cid: light for cid, light in (await session.exec(query)).all()}


async def put_marks(*, session: AsyncSession, audience: str, lights: Marks, now: datetime) -> None:
    """Remember what `audience` was told: card → (light, score); the rest is forgotten."""
    query = select(HealthMark).where(HealthMark.audience == audience)
    kept = {row.customer_id: row for row in (await session.exec(query)).all()}
    for customer_id, row in kept.items():
        if customer_id not in lights:
            await session.delete(row)
    for customer_id, (light, score) in lights.items():
        row = kept.get(customer_id) or HealthMark(
            customer_id=customer_id, audience=audience, light=light
        )
        row.light, row.score, row.marked_at = light, score, now
        session.add(row)


async def marks_of_all(*, session: AsyncSession, audiences: list[str]) -> dict[str, Marks]:
    """audience → card → (light, score) last told, for many audiences in one read."""
    found: dict[str, Marks] = {a: {} for a in audiences}
    marks = table_of(HealthMark)
    told = func.aggregate_strings(packed(marks.c.customer_id, marks.c.light, marks.c.score), UNIT)
    for part in parts(audiences, session.get_bind().dialect):
        # each audience's marks packed in one string: 500 supervisors' are 300,000 rows
        query: Select[*tuple[Any, ...]] = (
            Select(marks.c.audience, told)
            .where(one_of(marks.c.audience, part))
            .group_by(marks.c.audience)
        )
        for audience, rows in await core_rows(session, query):
            cards, lights, scores = unpacked(rows, 3)
            found[audience] = dict(
                zip(map(int, cards), zip(lights, map(int, scores), strict=True), strict=True)
            )
    return found


async def replace_marks(
    *,
    session: AsyncSession,
    told: dict[str, Marks],
    was: dict[str, Marks],
    now: datetime,
) -> None:
    """What put_marks does, for many audiences, in bulk and only where something changed:
    `told` is what each audience is told now, `was` what marks_of_all read before."""
    gone: list[tuple[str, int]] = []
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for audience, lights in told.items():
        before = was.get(audience, {})
        # set differences of the two (C's loops, not Python's): most marks stay as they were
        gone += [(audience, c) for c in sorted(before.keys() - lights.keys())]
        for customer_id, (light, score) in sorted(lights.items() - before.items()):
            row = {"a": audience, "c": customer_id, "l": light, "s": score, "at": now}
            (changed if customer_id in before else added).append(row)
    await _write_marks(session, gone, changed, added, now)


class RedsTold(NamedTuple):
    """What a roll-up's reader was last told: the cards it was told are red, and every card
    it has a mark of (marks kept before roll-ups kept only their red cards have any light)."""

    red: set[int]
    marked: set[int]


async def reds_told(
    *, session: AsyncSession, audiences: list[str], above_red: frozenset[str]
) -> dict[str, RedsTold]:
    """audience → what it was told, for many roll-ups' readers in one read. A roll-up
    remembers only which cards it told of as red (500 supervisors' are 300,000 marks), so
    each audience's ids come packed in two strings, split in C rather than row by row."""
    found = {a: RedsTold(set(), set()) for a in audiences}
    marks = table_of(HealthMark)
    every = func.aggregate_strings(cast(marks.c.customer_id, String), UNIT)
    above = every.filter(marks.c.light.in_(sorted(above_red)))
    for part in parts(audiences, session.get_bind().dialect):
        query: Select[*tuple[Any, ...]] = (
            Select(marks.c.audience, every, above)
            .where(one_of(marks.c.audience, part))
            .group_by(marks.c.audience)
        )
        for audience, marked, fell in await core_rows(session, query):
            ids = set(map(int, marked.split(UNIT)))
            found[audience] = RedsTold(ids - set(map(int, fell.split(UNIT) if fell else ())), ids)
    return found


async def replace_reds(
    *,
    session: AsyncSession,
    told: dict[str, tuple[set[int], Mapping[int, int]]],
    was: dict[str, RedsTold],
    now: datetime,
) -> None:
    """Each roll-up's reader now told of these red cards (with their scores, kept with a
    card's mark when it is first told of): the others' marks are forgotten. Set
    differences, so that the marks which stay as they were cost no Python step."""
    gone: list[tuple[str, int]] = []
    relit: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    for audience, (reds, scores) in told.items():
        before = was.get(audience, RedsTold(set(), set()))
        gone += [(audience, c) for c in sorted(before.marked - reds)]
        for into, cards in (
            (relit, (before.marked - before.red) & reds),
            (added, reds - before.marked),
        ):
            into += [
                {"a": audience, "c": c, "l": "red", "s": scores[c], "at": now}
                for c in sorted(cards)
            ]
    await _write_marks(session, gone, relit, added, now)


async def _write_marks(
    session: AsyncSession,
    gone: list[tuple[str, int]],
    changed: list[dict[str, Any]],
    added: list[dict[str, Any]],
    now: datetime,
) -> None:
    """Marks deleted, changed and added, each kind in one statement."""
    table = HealthMark.__table__  # type: ignore[attr-defined]
    same = and_(table.c.audience == bindparam("a"), table.c.customer_id == bindparam("c"))
    if gone:
        rows = [{"a": a, "c": c} for a, c in gone]
        await session.exec(delete(table).where(same), params=rows)
    if changed:
        values: dict[str, Any] = {
            "light": bindparam("l"),
            "score": bindparam("s"),
            "marked_at": bindparam("at"),
        }
        await session.exec(update(table).where(same).values(values), params=changed)
    if added:
        rows = [
            {
                "audience": r["a"],
                "customer_id": r["c"],
                "light": r["l"],
                "score": r["s"],
                "marked_at": now,
            }
            for r in added
        ]
        for start in range(0, len(rows), 5000):
            await session.exec(insert(table), params=rows[start : start + 5000])
