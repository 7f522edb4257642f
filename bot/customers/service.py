"""Requests and complaints (快速响应, 001: core customers first): a contact record of kind
*request* or *complaint* opens a service request whose response and resolution targets
depend on the customer's value tier when it came in. The targets are data, documented in
the README; a customer not yet assessed is served as a C customer."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer
from bot.store.record_tables import ContactRecord, ServiceRequest
from bot.store.types import saved_id

SERVICE_KINDS = ("request", "complaint")
# value tier → (first response within, resolution within). A is the core customer (004).
TARGETS: dict[str, tuple[timedelta, timedelta]] = {
    "A": (timedelta(hours=2), timedelta(days=1)),
    "B": (timedelta(hours=4), timedelta(days=3)),
    "C": (timedelta(hours=8), timedelta(days=5)),
}
RESOLUTION_LIMIT = 2000


def targets_of(tier: str) -> tuple[timedelta, timedelta]:
    return TARGETS.get(tier, TARGETS["C"])


async def open_service_request(
    session: AsyncSession, *, customer: Customer, record: ContactRecord, now: datetime
) -> ServiceRequest | None:
    """Inside the record's transaction: the request its kind opens, or None."""
    if record.kind not in SERVICE_KINDS:
        return None
    respond_in, resolve_in = targets_of(customer.value_tier)
    request = ServiceRequest(
        team_id=record.team_id,
        customer_id=record.customer_id,
        record_id=saved_id(record),
        kind=record.kind,
        tier=customer.value_tier,
        owner_id=record.author_id,
        respond_by=now + respond_in,
        resolve_by=now + resolve_in,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    return request


def breached(request: ServiceRequest, now: datetime) -> list[str]:
    """Which targets it missed as of `now`: "response", "resolution" (answered late or not
    yet answered past the target)."""
    missed = []
    responded = request.first_response_at or request.resolved_at
    if (responded or now) > request.respond_by:
        missed.append("response")
    if (request.resolved_at or now) > request.resolve_by:
        missed.append("resolution")
    return missed
