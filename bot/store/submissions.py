"""Form submissions already saved (see FormSubmission): the insert decides, across replicas."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import FormSubmission


async def first_submission(*, session: AsyncSession, team_id: str, key: str, now: datetime) -> bool:
    """True the first time `key` is saved. A concurrent twin waits for this transaction and
    then finds the key taken; if this one rolls back, the twin saves instead."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(FormSubmission)
        .values(team_id=team_id, key=key, saved_at=now)
        .on_conflict_do_nothing(index_elements=["team_id", "key"])
        .returning(FormSubmission.key)
    )
    return (await session.exec(statement)).first() is not None
