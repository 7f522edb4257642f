"""What the roll-ups read and keep: who supervises someone, and the health each reader was
last told about a card (`health_mark`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import TeamMember
from bot.store.team_models import HealthMark
from bot.store.types import RECORD, core_rows, packed, table_of, unpacked

CHUNK = 500


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


async def put_marks(
    *, session: AsyncSession, audience: str, lights: dict[int, tuple[str, int]], now: datetime
) -> None:
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


async def marks_of_all(
    *, session: AsyncSession, audiences: list[str]
) -> dict[str, dict[int, tuple[str, int]]]:
    """audience → card → (light, score) last told, for many audiences in one read."""
    found: dict[str, dict[int, tuple[str, int]]] = {a: {} for a in audiences}
    marks = table_of(HealthMark)
    told = func.aggregate_strings(packed(marks.c.customer_id, marks.c.light, marks.c.score), RECORD)
    for start in range(0, len(audiences), CHUNK):
        # each audience's marks packed in one string: 500 supervisors' are 300,000 rows
        query: Select[*tuple[Any, ...]] = (
            Select(marks.c.audience, told)
            .where(marks.c.audience.in_(audiences[start : start + CHUNK]))
            .group_by(marks.c.audience)
        )
        for audience, rows in await core_rows(session, query):
            found[audience] = {
                int(card): (light, int(score)) for card, light, score in unpacked(rows)
            }
    return found


async def replace_marks(
    *,
    session: AsyncSession,
    told: dict[str, dict[int, tuple[str, int]]],
    was: dict[str, dict[int, tuple[str, int]]],
    now: datetime,
) -> None:
    """What put_marks does, for many audiences, in bulk and only where something changed:
    `told` is what each audience is told now, `was` what marks_of_all read before."""
    gone, added, changed = [], [], []
    for audience, lights in told.items():
        before = was.get(audience, {})
        gone += [(audience, c) for c in before if c not in lights]
        for customer_id, (light, score) in lights.items():
            row = {"a": audience, "c": customer_id, "l": light, "s": score, "at": now}
            if customer_id not in before:
                added.append(row)
            elif before[customer_id] != (light, score):
                changed.append(row)
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
