"""The replay ledger: a verified Slack request may be taken once. Kept in the database, so a
request captured and sent again to another replica is refused there too."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import VerifiedRequest

# Slack's window is five minutes either side of now; a request older than that is refused as
# stale, so its row can go. Twice the window leaves room for replica clocks that disagree.
KEEP = timedelta(minutes=10)


async def first_use(*, session: AsyncSession, request_timestamp: int, signature: str) -> bool:
    """True the first time this verified (timestamp, signature) is taken, on any replica:
    the unique key decides, so two replicas racing for one request cannot both win."""
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(VerifiedRequest)
        .values(request_timestamp=request_timestamp, signature=signature)
        .on_conflict_do_nothing(index_elements=["request_timestamp", "signature"])
        .returning(VerifiedRequest.signature)
    )
    return (await session.exec(statement)).first() is not None


async def forget_expired(*, session: AsyncSession, now: datetime) -> None:
    """Drop the rows no request can match any more: Slack's window has passed them."""
    oldest = int((now - KEEP).timestamp())
    await session.exec(
        delete(VerifiedRequest).where(col(VerifiedRequest.request_timestamp) < oldest)
    )


async def ledger_size(*, session: AsyncSession) -> int:
    return (await session.exec(select(func.count()).select_from(VerifiedRequest))).one()
