"""The form submission whose save wrote a line of a card's history or a contact record:
customer_event and contact_record .created_from

A form's save claimed its submission with an INSERT of its own into form_submission, one
statement of each save (issue 17). A save that writes a history line or a contact record
now keeps the key on the first it writes: that row's INSERT, under a unique index, refuses
a second copy of the submission (bot/store/submissions.py). The indexes hold only the rows
a form wrote: the history's millions of other lines, and every row before this migration,
have none.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("customer_event", "contact_record")
WRITTEN_BY_A_FORM = sa.text("created_from IS NOT NULL")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("created_from", sa.String(length=64), nullable=True))
        op.create_index(
            f"uq_{table}_created_from",
            table,
            ["created_from"],
            unique=True,
            sqlite_where=WRITTEN_BY_A_FORM,
            postgresql_where=WRITTEN_BY_A_FORM,
        )


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), as in 0034
    for table in TABLES:
        op.drop_index(f"uq_{table}_created_from", table_name=table)
        op.drop_column(table, "created_from")
