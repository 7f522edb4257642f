"""What the duplicate check reads of existing cards, its changes counted: customer_key_writes

An import checks each slice of its rows against the cards there are without SQLite's write
lock, then takes the lock to write them; a card made or changed in between must be checked
against. SQLite's own counters (PRAGMA data_version, total_changes()) tell whether anybody
wrote at all, and beside people logging contacts somebody almost always has, so the import
looked every key up again (10.8 s of a 60 s import beside 25 commands a second). These
triggers count only writes to what the check reads — a match key written, changed or
removed, a card's legal name, short name or credit code changed — in one row read in the
look-ups' snapshot and again under the lock. A contact logged, a card archived or restored
writes none of it; a card saved writes the keys that changed, and is counted if any did.
SQLite only: on PostgreSQL the import always looks again (bot/store/models.py
CustomerKeyWrites).

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNT = "BEGIN UPDATE customer_key_writes SET writes = writes + 1 WHERE id = 1; END"
SQLITE_TRIGGERS = {
    "customer_key_writes_insert": f"AFTER INSERT ON customer_key {COUNT}",
    "customer_key_writes_update": f"AFTER UPDATE ON customer_key {COUNT}",
    "customer_key_writes_delete": f"AFTER DELETE ON customer_key {COUNT}",
    # UPDATE OF fires only when one of these is set: a contact logged on a card is not counted
    "customer_key_writes_card": (
        f"AFTER UPDATE OF legal_name, handle, credit_code ON customer {COUNT}"
    ),
}


def upgrade() -> None:
    op.create_table(
        "customer_key_writes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("writes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO customer_key_writes (id, writes) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for name, trigger in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {trigger}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("customer_key_writes")
