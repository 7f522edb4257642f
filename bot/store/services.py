"""Store functions for customers' requests and complaints. Keyword-only and small."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer
from bot.store.record_tables import ServiceRequest


async def services_of_record(*, session: AsyncSession, record_id: int) -> list[ServiceRequest]:
    query = select(ServiceRequest).where(ServiceRequest.record_id == record_id)
    return list((await session.exec(query)).all())


async def services_past_target(
    *, session: AsyncSession, before: datetime, limit: int
) -> list[tuple[ServiceRequest, Customer]]:
    """Open requests of every workspace whose response or resolution target is before
    `before` (the reminder sweep), with their card."""
    query = (
        select(ServiceRequest, Customer)
        .join(Customer, col(Customer.id) == ServiceRequest.customer_id)
        .where(
            col(ServiceRequest.resolved_at).is_(None),
            col(ServiceRequest.withdrawn_at).is_(None),
            col(ServiceRequest.respond_by) < before,
        )
        .order_by(col(ServiceRequest.respond_by))
        .limit(limit)
    )
    return [(request, customer) for request, customer in (await session.exec(query)).all()]


async def services_of_customers_since(
    *, session: AsyncSession, ids: Sequence[int], since: datetime
) -> list[ServiceRequest]:
    """The customers' requests taken since `since` or still open (a digest's week)."""
    query = (
        select(ServiceRequest)
        .where(
            col(ServiceRequest.customer_id).in_(list(ids)),
            col(ServiceRequest.withdrawn_at).is_(None),
            (col(ServiceRequest.created_at) >= since)
            | col(ServiceRequest.resolved_at).is_(None)
            | (col(ServiceRequest.resolved_at) >= since),
        )
        .order_by(col(ServiceRequest.created_at))
    )
    return list((await session.exec(query)).all())
