"""The live cards with an overdue follow-up, by their kept health: ix_card_health_owed

The overdue follow-ups of `/customer stats` and of the supervisors' roll-ups were checked
against every card of the selection: at a million cards, a hash of 250,000 cards for a
status filter (0.3 s of a 0.55 s answer) and of all million for the roll-ups (1.2 s). Only
a card whose kept health counts an overdue follow-up can have one (a kept row is true until
its first follow-up falls due, and out of date once one is written), so the statistics,
and the roll-ups on PostgreSQL, now check against those cards alone (170,000 of a million),
read from this partial index, which holds what the selections filter and group by.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWED = sa.text("archived_at IS NULL AND overdue > 0")
COLUMNS = [
    "team_id",
    "customer_id",
    "manager_id",
    "security_level",
    "status",
    "phase",
    "value_tier",
    "level",
    "light",
]


def upgrade() -> None:
    op.create_index(
        "ix_card_health_owed", "card_health", COLUMNS, sqlite_where=OWED, postgresql_where=OWED
    )


def downgrade() -> None:
    op.drop_index("ix_card_health_owed", table_name="card_health")
