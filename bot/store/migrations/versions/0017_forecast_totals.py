"""the forecast's kept totals: open deals on live cards added up by team, owner, stage, month
of expected close and currency, filled from the deals there are; the deals with a follow-up
in an index of their own

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITH_FOLLOW_UP = sa.text("follow_up_id IS NOT NULL")
# the same sums as bot/store/forecast_totals.py's recount
FILL = """
INSERT INTO forecast_total
    (team_id, owner_id, stage, close_month, currency, deals, amount, weighted, without_text)
SELECT team_id, owner_id, stage, COALESCE(close_month, 0), currency, COUNT(*),
    SUM(COALESCE(amount_minor, 0)), SUM(COALESCE(amount_minor, 0) * probability),
    SUM(CASE WHEN next_step = '' THEN 1 ELSE 0 END)
FROM opportunity
WHERE status = 'open'
    AND customer_id NOT IN (SELECT id FROM customer WHERE archived_at IS NOT NULL)
GROUP BY team_id, owner_id, stage, COALESCE(close_month, 0), currency
"""


def upgrade() -> None:
    op.create_table(
        "forecast_total",
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("close_month", sa.Integer(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("weighted", sa.BigInteger(), nullable=False),
        sa.Column("without_text", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "owner_id", "stage", "close_month", "currency"),
    )
    op.execute(FILL)
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_follow_up",
            ["team_id", "status", "follow_up_id"],
            unique=False,
            sqlite_where=WITH_FOLLOW_UP,
            postgresql_where=WITH_FOLLOW_UP,
        )


def downgrade() -> None:
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunity_follow_up")
    op.drop_table("forecast_total")
