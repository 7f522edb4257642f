"""A deal, contract or project changed: the event goes into its customer card's history."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.card_history import record_event


class OnCard(Protocol):
    """A row kept on a customer card (Opportunity, Contract, Project)."""

    @property
    def team_id(self) -> str: ...

    @property
    def customer_id(self) -> int: ...


async def record_on_card(
    session: AsyncSession,
    row: OnCard,
    actor_id: str,
    now: datetime,
    action: str,
    changes: dict[str, object],
) -> None:
    await record_event(
        session=session,
        team_id=row.team_id,
        customer_id=row.customer_id,
        actor_id=actor_id,
        at=now,
        action=action,
        changes=changes,
    )
