"""The rules a card's match keys and search terms were made by: customer.index_rules

A save of a card or of one of its contacts writes the card's keys and terms again. On SQLite
it no longer reads the stored ones first: what the card had is made from the card and
contacts the save read (issue 17). That holds only for keys made by the rules running now;
the rules change between versions (bot/customers/keys.py INDEX_RULES). Cards written before
this migration are marked 0: their first save reads their keys and terms and makes them
anew, as every save did before; a sweep finds them by ix_customer_index_rules and makes
theirs anew (bot/jobs/index_refresh.py).

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "customer", sa.Column("index_rules", sa.Integer(), nullable=False, server_default="0")
    )
    # the sweep's look for cards older rules made (bot/customers/index_refresh.py), each tick
    op.create_index("ix_customer_index_rules", "customer", ["index_rules", "id"], unique=False)


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later): a batch operation would copy the
    # table and lose its triggers (migrations 0028 and 0029)
    op.drop_index("ix_customer_index_rules", table_name="customer")
    op.drop_column("customer", "index_rules")
