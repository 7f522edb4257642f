"""The statistics' trend, overdue follow-ups and filtered counts per manager read from indexes

`/customer stats` counts a workspace's contact records week by week and its overdue
follow-ups by owner (issue 19). Without these indexes SQLite read every contact record of
every workspace, row by row, for the weeks' counts, and fetched each overdue follow-up's
row for its card and owner; with them both are read from one range of an index that holds
everything the query needs. The per-manager index of card_health gets the statistics'
filters (status, phase, value tier), so that `/customer stats implementation potential`
counts per manager from the index instead of fetching each card's row for its phase. A
partial index lists a workspace's archived cards: when a person sees every live card, the
records and follow-ups are checked only against those. And the short lists of the least
healthy cards walk the cards in health order from an index and stop at their count,
instead of sorting every card the person sees.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SPAN = ["team_id", "created_at", "superseded", "retracted_at", "customer_id"]
OVERDUE = ["team_id", "status", "due_at", "customer_id", "owner_id"]
BY_MANAGER = ["team_id", "manager_id", "archived_at", "security_level", "light"]  # 0023's
FILTERS = ["status", "phase", "value_tier"]
ARCHIVED = sa.text("archived_at IS NOT NULL")
LEAST = [
    "team_id",
    "score",
    "legal_name",
    "customer_id",
    "archived_at",
    "stale",
    "cadence",
    "slipping",
]


def upgrade() -> None:
    op.create_index("ix_contact_record_span", "contact_record", SPAN)
    op.create_index("ix_follow_up_overdue", "follow_up", OVERDUE)
    op.drop_index("ix_card_health_manager", table_name="card_health")
    op.create_index("ix_card_health_manager", "card_health", BY_MANAGER + FILTERS)
    op.create_index("ix_card_health_least", "card_health", LEAST)
    op.create_index(
        "ix_card_health_archived",
        "card_health",
        ["team_id", "customer_id"],
        sqlite_where=ARCHIVED,
        postgresql_where=ARCHIVED,
    )


def downgrade() -> None:
    op.drop_index("ix_card_health_archived", table_name="card_health")
    op.drop_index("ix_card_health_least", table_name="card_health")
    op.drop_index("ix_card_health_manager", table_name="card_health")
    op.create_index("ix_card_health_manager", "card_health", BY_MANAGER)
    op.drop_index("ix_follow_up_overdue", table_name="follow_up")
    op.drop_index("ix_contact_record_span", table_name="contact_record")
