"""the forecast's indexes: its sums read from one covering index, deals without a next step
counted and listed from two partial ones, overdue deals in close-date order

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FORECAST_COLUMNS = [
    "team_id",
    "status",
    "owner_id",
    "stage",
    "close_month",
    "currency",
    "amount_minor",
    "probability",
    "expected_close",
    "customer_id",
    "follow_up_id",
]
NO_NEXT_STEP_COLUMNS = [
    "team_id",
    "status",
    "owner_id",
    "stage",
    "close_month",
    "currency",
    "customer_id",
    "follow_up_id",
]
NO_NEXT_STEP = sa.text("next_step = ''")


def upgrade() -> None:
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunity_pipeline")
        batch_op.create_index("ix_opportunity_forecast", FORECAST_COLUMNS, unique=False)
        batch_op.create_index(
            "ix_opportunity_no_next_step",
            NO_NEXT_STEP_COLUMNS,
            unique=False,
            sqlite_where=NO_NEXT_STEP,
            postgresql_where=NO_NEXT_STEP,
        )
        batch_op.create_index(
            "ix_opportunity_no_next_step_amount",
            ["team_id", "status", "amount_minor"],
            unique=False,
            sqlite_where=NO_NEXT_STEP,
            postgresql_where=NO_NEXT_STEP,
        )
        batch_op.create_index(
            "ix_opportunity_close", ["team_id", "status", "expected_close"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunity_close")
        batch_op.drop_index("ix_opportunity_no_next_step_amount")
        batch_op.drop_index("ix_opportunity_no_next_step")
        batch_op.drop_index("ix_opportunity_forecast")
        batch_op.create_index(
            "ix_opportunity_pipeline", ["team_id", "status", "owner_id"], unique=False
        )
