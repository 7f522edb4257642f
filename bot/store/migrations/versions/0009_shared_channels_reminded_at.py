"""shared channels on project links; when a follow-up's reminder was claimed

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("channel_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shared_externally", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "shared_checked_at", bot.store.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "internal_allowed_by",
                sqlmodel.sql.sqltypes.AutoString(length=32),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "internal_allowed_at", bot.store.types.UTCDateTime(timezone=True), nullable=True
            )
        )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminded_at", bot.store.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_column("reminded_at")
    with op.batch_alter_table("channel_link", schema=None) as batch_op:
        batch_op.drop_column("internal_allowed_at")
        batch_op.drop_column("internal_allowed_by")
        batch_op.drop_column("shared_checked_at")
        batch_op.drop_column("shared_externally")
