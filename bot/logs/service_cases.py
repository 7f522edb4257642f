"""Use cases of a customer's request or complaint: its first response and its resolution,
each recorded once with who and when, by whoever took it or may change the card. Found
through the card as the person may see it; nothing is overwritten."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.service import RESOLUTION_LIMIT
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message, NotFound
from bot.logs.rights import visible_card
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.record_tables import ServiceRequest
from bot.store.sales import get_in_team


class ServiceNotFound(NotFound):
    def __init__(self, service_id: int) -> None:
        super().__init__("record", str(service_id))


@dataclass(frozen=True)
class ServiceShown:
    customer: Customer
    service: ServiceRequest


async def mark_responded(db: Database, *, actor: Actor, service_id: int) -> ServiceShown:
    """*Responded*: the first response, once (a second press says when it was)."""
    async with db.transaction(write=True) as session:
        service, customer = await _changeable(
            session, actor, await gate_of(session, actor), service_id
        )
        if service.first_response_at is None:
            service.first_response_at, service.first_response_by = actor.now, actor.user_id
            session.add(service)
        return ServiceShown(customer, service)


async def open_resolution(db: Database, *, actor: Actor, service_id: int) -> ServiceShown:
    async with db.transaction() as session:
        service, customer = await _changeable(
            session, actor, await gate_of(session, actor), service_id
        )
        _still_open(service)
        return ServiceShown(customer, service)


async def resolve(db: Database, *, actor: Actor, service_id: int, resolution: str) -> ServiceShown:
    """Resolved, saying how: a request is closed with its resolution, never silently."""
    said = resolution.strip()
    if not said:
        raise Invalid({"resolution": Message("service.resolution_missing")})
    if len(said) > RESOLUTION_LIMIT:
        raise Invalid({"resolution": Message("change.text_too_long", {"limit": RESOLUTION_LIMIT})})
    async with db.transaction(write=True) as session:
        service, customer = await _changeable(
            session, actor, await gate_of(session, actor), service_id
        )
        _still_open(service)
        service.resolved_at, service.resolved_by, service.resolution = (
            actor.now,
            actor.user_id,
            said,
        )
        if service.first_response_at is None:  # resolving it answers it
            service.first_response_at, service.first_response_by = actor.now, actor.user_id
        session.add(service)
        return ServiceShown(customer, service)


def _still_open(service: ServiceRequest) -> None:
    if service.resolved_at is not None:
        raise Invalid({"resolution": Message("service.already_resolved")})


async def _changeable(
    session: AsyncSession, actor: Actor, gate: Gate, service_id: int
) -> tuple[ServiceRequest, Customer]:
    service = await get_in_team(
        session=session, model=ServiceRequest, team_id=actor.team_id, row_id=service_id
    )
    if service is None or service.withdrawn_at is not None:
        raise ServiceNotFound(service_id)
    customer = await visible_card(session, actor, gate, service.customer_id)
    if service.owner_id != actor.user_id and not await gate.may_edit(customer):
        raise MayNotChange(customer)
    return service, customer
