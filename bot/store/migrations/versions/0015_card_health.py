"""each card's health kept per card, so the manager's views count it in SQL

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Empty at first: a card without a row is computed when it is first read, and the
    # hourly health sweep fills the rest.
    op.create_table(
        "card_health",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
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


def downgrade() -> None:
    op.drop_index(op.f("ix_card_health_fresh_until"), table_name="card_health")
    op.drop_index(op.f("ix_card_health_team_id"), table_name="card_health")
    op.drop_table("card_health")
