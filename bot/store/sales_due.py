"""What the reminder sweep reads of deals and receivables: deals long in their stage, and
receivables due and not received. Each query takes at most `limit` rows (a sweep's batch)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer
from bot.store.sales_models import Contract, Opportunity, Receivable


async def deals_in_stage_since(
    *, session: AsyncSession, before: datetime, limit: int
) -> list[tuple[Opportunity, str, str]]:
    """Open deals on live cards that entered their stage before `before`, the longest in it
    first, with their card's name and short name."""
    query = (
        select(Opportunity, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == Opportunity.customer_id)
        .where(
            Opportunity.status == "open",
            col(Opportunity.stage_changed_at) < before,
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(Opportunity.stage_changed_at))
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def receivables_due_before(
    *, session: AsyncSession, before: date, limit: int
) -> list[tuple[Receivable, Contract, Customer]]:
    """Receivables not received, due before `before`, of signed contracts on live cards."""
    query = (
        select(Receivable, Contract, Customer)
        .join(Contract, col(Contract.id) == Receivable.contract_id)
        .join(Customer, col(Customer.id) == Contract.customer_id)
        .where(
            Receivable.status == "open",
            col(Receivable.due_on) < before,
            Contract.status == "signed",
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(Receivable.due_on), col(Receivable.id))
        .limit(limit)
    )
    return list((await session.exec(query)).all())
