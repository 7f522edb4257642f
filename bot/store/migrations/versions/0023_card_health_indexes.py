"""card_health: the manager views' grouped counts and per-manager figures read from indexes

The statistics group a scope's kept rows by status, level, phase, value tier and light, and
count per manager (issue 19). With these indexes SQLite reads both in the index's order
instead of sorting 100,000 rows, and a head's team is a range of one manager index.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPED = [
    "team_id",
    "status",
    "level",
    "phase",
    "value_tier",
    "light",
    # what the counts sum and the visibility condition reads: the index covers the query
    "archived_at",
    "stale",
    "cadence",
    "overdue",
    "slipping",
    "manager_id",
    "security_level",
]
BY_MANAGER = ["team_id", "manager_id", "archived_at", "security_level", "light"]


def upgrade() -> None:
    op.create_index("ix_card_health_grouped", "card_health", GROUPED)
    op.create_index("ix_card_health_manager", "card_health", BY_MANAGER)


def downgrade() -> None:
    op.drop_index("ix_card_health_manager", table_name="card_health")
    op.drop_index("ix_card_health_grouped", table_name="card_health")
