"""phases milestones channel links

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "channel_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("linked_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("linked_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("unlinked_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("unlinked_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("channel_link", schema=None) as batch_op:
        batch_op.create_index("ix_channel_link_channel", ["team_id", "channel_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_channel_link_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("due_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tz", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("done_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(
            "ix_milestone_customer", ["customer_id", "status", "due_at"], unique=False
        )

    op.create_table(
        "phase_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("from_phase", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("to_phase", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column(
            "outgoing_contact_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False
        ),
        sa.Column(
            "incoming_contact_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("phase_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phase_change_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "phase_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column(
            "primary_contact_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False
        ),
        sa.Column("sales_rep_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("contact_ids", sa.JSON(), nullable=False),
        sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("next_meeting_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("adhoc_process", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("updated_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("customer_id", "phase", name="uq_phase_plan"),
    )


def downgrade() -> None:

    op.drop_table("phase_plan")
    with op.batch_alter_table("phase_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phase_change_customer_id"))

    op.drop_table("phase_change")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_customer")

    op.drop_table("milestone")
    with op.batch_alter_table("channel_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_link_customer_id"))
        batch_op.drop_index("ix_channel_link_channel")

    op.drop_table("channel_link")
