"""visibility sharing merges value

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "team_member",
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("supervisor_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("clearance", sa.Integer(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("updated_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "user_id"),
    )
    op.create_table(
        "card_share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("target", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("shared_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("shared_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("revoked_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("card_share", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_card_share_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index("ix_card_share_target", ["team_id", "kind", "target"], unique=False)

    op.create_table(
        "merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("duplicate_id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("merged_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("merged_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("undone_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["duplicate_id"],
            ["customer.id"],
        ),
        sa.ForeignKeyConstraint(
            ["kept_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_duplicate_id"), ["duplicate_id"], unique=False)

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("value_score", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "value_tier",
                sqlmodel.sql.sqltypes.AutoString(length=1),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("value_factors", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.create_foreign_key("fk_customer_merged_into", "customer", ["merged_into"], ["id"])


def downgrade() -> None:

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_constraint("fk_customer_merged_into", type_="foreignkey")
        batch_op.drop_column("value_factors")
        batch_op.drop_column("value_tier")
        batch_op.drop_column("value_score")
        batch_op.drop_column("merged_into")

    with op.batch_alter_table("merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_duplicate_id"))

    op.drop_table("merge")
    with op.batch_alter_table("card_share", schema=None) as batch_op:
        batch_op.drop_index("ix_card_share_target")
        batch_op.drop_index(batch_op.f("ix_card_share_customer_id"))

    op.drop_table("card_share")
    op.drop_table("team_member")
