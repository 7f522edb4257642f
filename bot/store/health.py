"""Is the database reachable, and at which schema version?"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import Database
from bot.store.schema_version import newest_revision


@dataclass(frozen=True)
class Health:
    database: bool
    schema_version: str | None
    expected_version: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.database and self.schema_version == self.expected_version

    def as_json(self) -> dict[str, object]:
        return {
            "status": "ok" if self.ok else "unavailable",
            "database": "reachable" if self.database else "unreachable",
            "schema_version": self.schema_version,
            "expected_schema_version": self.expected_version,
            **({"error": self.error} if self.error else {}),
        }


async def current_revision(connection: AsyncConnection) -> str | None:
    try:
        result = await connection.execute(text("SELECT version_num FROM alembic_version"))
    except SQLAlchemyError:
        return None
    return result.scalar_one_or_none()


async def check_health(db: Database, *, timeout: float = 2.0) -> Health:
    expected = newest_revision()  # Alembic is not loaded for this (start-up, memory)
    try:
        async with asyncio.timeout(timeout):
            async with db.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
                version = await current_revision(connection)
    except Exception as error:  # any failure to reach the database is "unreachable"
        return Health(False, None, expected, error=type(error).__name__)
    return Health(True, version, expected)
