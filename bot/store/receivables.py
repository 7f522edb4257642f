"""A contract's payment milestones (应收): written with the contract, read for its page and
the lists, cancelled with it. Keyword-only; no commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, literal, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.sales_models import Receivable
from bot.store.types import add_with_ids, table_of

OPEN, CANCELLED = "open", "cancelled"


async def add_receivables(*, session: AsyncSession, receivables: Sequence[Receivable]) -> None:
    """A contract's payments, with their ids, written in one statement (issue 17: the ORM
    sent one INSERT a payment; then the contract's page read them back). Told apart by what
    each holds."""
    told_by = ("contract_id", "title", "due_on", "amount_minor", "received_on", "status")
    await add_with_ids(session, Receivable, receivables, told_by)


async def receivables_of(*, session: AsyncSession, contract_ids: Sequence[int]) -> list[Receivable]:
    if not contract_ids:
        return []
    query = (
        select(Receivable)
        .where(col(Receivable.contract_id).in_(list(contract_ids)))
        .order_by(col(Receivable.due_on), col(Receivable.id))
    )
    return list((await session.exec(query)).all())


async def cancel_open_receivables(
    *, session: AsyncSession, contract_id: int, now: datetime
) -> list[Receivable]:
    """The contract's open payments cancelled, and all its payments as they now are, in one
    statement (issue 17: they were read, then written one by one): a payment received or
    cancelled before stays as it was."""
    still_open = col(Receivable.status) == OPEN
    written = (
        update(Receivable)
        .where(col(Receivable.contract_id) == contract_id)
        .values(
            status=case((still_open, CANCELLED), else_=col(Receivable.status)),
            # typed as the column, so the time is stored as the column stores it (UTC)
            updated_at=case(
                (still_open, literal(now, type_=table_of(Receivable).c.updated_at.type)),
                else_=col(Receivable.updated_at),
            ),
        )
        .returning(Receivable)
    )
    # RETURNING names no order: the page's, by when each is due
    returned = await session.exec(written, execution_options=_RETURNED)
    return sorted(returned.scalars(), key=lambda r: (r.due_on, r.id or 0))


# the rows as RETURNING gives them, over any copy the session holds (see bot/store/as_read.py)
_RETURNED = {"synchronize_session": False, "populate_existing": True}
