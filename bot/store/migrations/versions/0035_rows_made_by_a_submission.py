"""The form submission that made a row: change_request, requirement, plan_activity,
plan_note, plan_review and document .created_from

A form Slack sends again (its answer was late), or saved twice, saves once. The change
request, requirement, maintenance activity, review and document forms claimed their
submission with an INSERT of its own into form_submission, one statement of each save
(issue 17); the plan notes form did not, and kept a second, identical version. The
submission's key is now kept on the row the form makes, as a new card keeps its own
(customer.created_from): the row's INSERT, under a unique index, refuses a second copy of
the submission (bot/store/submitted_rows.py). Rows made otherwise, and all rows before this
migration, have none: NULLs never collide.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("change_request", "requirement", "plan_activity", "plan_note", "plan_review", "document")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("created_from", sa.String(length=64), nullable=True))
        op.create_index(f"uq_{table}_created_from", table, ["created_from"], unique=True)


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), as in 0034
    for table in TABLES:
        op.drop_index(f"uq_{table}_created_from", table_name=table)
        op.drop_column(table, "created_from")
