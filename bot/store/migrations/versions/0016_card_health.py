"""each card's health kept per card, so the manager's views count it in SQL

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

OUT_OF_DATE = datetime(2000, 1, 1, tzinfo=UTC)
revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "card_health",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("legal_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("manager_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("value_tier", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
        sa.Column("security_level", sa.Integer(), nullable=False),
        sa.Column("province", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("created_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("archived_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("light", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.Column("slipping", sa.Integer(), nullable=False),
        sa.Column("fresh_until", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("computed_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("customer_id"),
    )
    op.create_index(op.f("ix_card_health_team_id"), "card_health", ["team_id"], unique=False)
    op.create_index(
        op.f("ix_card_health_fresh_until"), "card_health", ["fresh_until"], unique=False
    )
    # Every card gets its row, out of date: the health sweep (or the first read) computes it.
    long_ago = sa.bindparam("long_ago", OUT_OF_DATE, type_=bot.store.types.UTCDateTime())
    op.get_bind().execute(
        sa.text(
            "INSERT INTO card_health (customer_id, team_id, legal_name, manager_id, status, "
            "level, phase, value_tier, security_level, province, city, created_at, "
            "archived_at, score, light, stale, cadence, overdue, slipping, fresh_until, "
            "computed_at) SELECT id, team_id, legal_name, manager_id, status, level, phase, "
            "value_tier, security_level, province, city, created_at, archived_at, 0, 'red', "
            ":no, '', 0, 0, :long_ago, :long_ago FROM customer"
        ).bindparams(long_ago, sa.bindparam("no", False, type_=sa.Boolean()))
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_card_health_fresh_until"), table_name="card_health")
    op.drop_index(op.f("ix_card_health_team_id"), table_name="card_health")
    op.drop_table("card_health")
