"""The delivery ledger: claim what is due at most once, retry what a crashed sweep left."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Delivery
from bot.store.types import table_of

CLAIM_BATCH = 500  # rows per INSERT: well under SQLite's bound-parameter limit


async def claim_new(
    *,
    session: AsyncSession,
    rows: Sequence[dict[str, Any]],
    worker: str,
    now: datetime,
    lease: timedelta,
) -> list[Delivery]:
    """Insert a claimed delivery per row; a row whose (kind, item, period) exists is skipped,
    so two sweeps racing for one reminder claim it once."""
    if not rows:
        return []
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = table_of(Delivery)
    # One statement executed with many parameter sets: SQLAlchemy sends it as multi-row
    # INSERTs ("insertmanyvalues"), compiled once, instead of compiling a VALUES clause of
    # hundreds of rows per batch.
    statement = (
        dialect.insert(table)
        .on_conflict_do_nothing(index_elements=["kind", "item_key", "period"])
        .returning(table.c.id)
    )
    claim = {
        "status": "claimed",
        "claimed_by": worker,
        "lease_until": now + lease,
        "attempts": 1,
        "created_at": now,
    }
    connection = await session.connection()
    ids: list[int] = []
    for start in range(0, len(rows), CLAIM_BATCH):
        values = [{**row, **claim} for row in rows[start : start + CLAIM_BATCH]]
        ids += [row[0] for row in (await connection.execute(statement, values)).all()]
    return await _by_ids(session, ids)


async def reclaim_expired(
    *, session: AsyncSession, worker: str, now: datetime, lease: timedelta, limit: int = 1000
) -> list[Delivery]:
    """Claims whose lease ran out (the sweep that took them died): take them over."""
    query = (
        select(Delivery.id)
        .where(Delivery.status == "claimed", col(Delivery.lease_until) < now)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = [found for found in (await session.exec(query)).all() if found is not None]
    if ids:
        await session.exec(
            update(Delivery)
            .where(col(Delivery.id).in_(ids))
            .values(claimed_by=worker, lease_until=now + lease, attempts=Delivery.attempts + 1)
        )
    return await _by_ids(session, ids)


async def existing_keys(
    *, session: AsyncSession, kind: str, keys: Sequence[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Which (item_key, period) of `kind` are already in the ledger."""
    found: set[tuple[str, str]] = set()
    items = sorted({item for item, _ in keys})
    for start in range(0, len(items), CLAIM_BATCH):
        query = select(Delivery.item_key, Delivery.period).where(
            Delivery.kind == kind, col(Delivery.item_key).in_(items[start : start + CLAIM_BATCH])
        )
        found |= {(item, period) for item, period in (await session.exec(query)).all()}
    return found


async def finish(
    *,
    session: AsyncSession,
    delivery_id: int,
    worker: str,
    status: str,
    now: datetime,
    error: str = "",
) -> bool:
    """Mark a claimed delivery sent, skipped or failed — only if this worker still holds it."""
    done = await finish_many(
        session=session,
        delivery_ids=[delivery_id],
        worker=worker,
        status=status,
        now=now,
        error=error,
    )
    return done == 1


async def finish_many(
    *,
    session: AsyncSession,
    delivery_ids: Sequence[int],
    worker: str,
    status: str,
    now: datetime,
    error: str = "",
) -> int:
    """`finish` for deliveries with one outcome, CLAIM_BATCH per UPDATE; how many it marked."""
    done = 0
    for start in range(0, len(delivery_ids), CLAIM_BATCH):
        result = await session.exec(
            update(Delivery)
            .where(
                col(Delivery.id).in_(delivery_ids[start : start + CLAIM_BATCH]),
                col(Delivery.claimed_by) == worker,
                col(Delivery.status) == "claimed",
            )
            .values(
                status=status,
                sent_at=now if status == "sent" else None,
                error=error[:300],
                lease_until=None,
            )
        )
        done += result.rowcount
    return done


async def mark_posting(
    *, session: AsyncSession, delivery_ids: Sequence[int], worker: str, now: datetime
) -> None:
    """These claims are being posted now (by `worker`, which still holds them)."""
    for start in range(0, len(delivery_ids), CLAIM_BATCH):
        await session.exec(
            update(Delivery)
            .where(
                col(Delivery.id).in_(delivery_ids[start : start + CLAIM_BATCH]),
                col(Delivery.claimed_by) == worker,
                col(Delivery.status) == "claimed",
            )
            .values(posting_at=now)
        )


async def _by_ids(session: AsyncSession, ids: list[int]) -> list[Delivery]:
    found: list[Delivery] = []
    for start in range(0, len(ids), CLAIM_BATCH):
        query = select(Delivery).where(col(Delivery.id).in_(ids[start : start + CLAIM_BATCH]))
        found += list((await session.exec(query)).all())
    return sorted(found, key=lambda d: d.id or 0)


async def oldest_unposted_due(*, session: AsyncSession) -> datetime | None:
    """When the oldest delivery claimed but not yet posted fell due (None: none waits)."""
    query = select(func.min(Delivery.due_at)).where(Delivery.status == "claimed")
    return (await session.exec(query)).one()


async def put_payloads(*, session: AsyncSession, payloads: dict[int, dict[str, Any]]) -> None:
    """Write what was made for claimed deliveries after their claim (their content)."""
    if not payloads:
        return
    table = table_of(Delivery)
    query = (
        update(table)
        .where(table.c.id == bindparam("delivery"))
        .values(payload=bindparam("made", type_=table.c.payload.type))
    )
    rows = [{"delivery": i, "made": payload} for i, payload in payloads.items()]
    await session.exec(query, params=rows)
