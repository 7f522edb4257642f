"""The schema comes only from Alembic migrations, and they match the SQLModel tables."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import bot.store.models  # noqa: F401
from bot.store.db import Database
from bot.store.migrate import head_revision


async def test_the_migrated_schema_matches_the_models(database_url: str) -> None:
    db = Database(database_url)

    def differences(connection) -> list:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)

    async with db.engine.connect() as connection:
        diff = await connection.run_sync(differences)
    await db.dispose()

    assert diff == []


async def test_the_database_records_the_head_revision(database_url: str) -> None:
    db = Database(database_url)
    async with db.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        version = (
            await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
        ).scalar_one()
    await db.dispose()

    assert "slack_profile" in tables
    assert version == head_revision()
