"""relationship maintenance plans: activities, notes and reviews (issue 21)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

String = sqlmodel.sql.sqltypes.AutoString
Moment = bot.store.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "maintenance_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("created_by", String(length=32), nullable=False),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.Column("reviewed_at", Moment(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
        # one plan per card and period
        sa.UniqueConstraint("customer_id", "period_start", name="uq_maintenance_plan_period"),
    )
    op.create_index("ix_maintenance_plan_end", "maintenance_plan", ["period_end", "reviewed_at"])
    op.create_table(
        "plan_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("kind", String(length=16), nullable=False),
        sa.Column("goal", String(length=300), nullable=False),
        sa.Column("owner_id", String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("budget_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", String(length=3), nullable=False),
        sa.Column("state", String(length=12), nullable=False),
        sa.Column("spent_minor", sa.BigInteger(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("created_by", String(length=32), nullable=False),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.Column("closed_by", String(length=32), nullable=False),
        sa.Column("closed_at", Moment(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["maintenance_plan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_activity_plan", "plan_activity", ["plan_id", "day"])
    op.create_index("ix_plan_activity_day", "plan_activity", ["state", "day"])
    op.create_table(
        "plan_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("competitors", sa.Text(), nullable=False),
        sa.Column("decision_makers", sa.Text(), nullable=False),
        sa.Column("written_by", String(length=32), nullable=False),
        sa.Column("written_at", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["maintenance_plan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_note_plan", "plan_note", ["plan_id", "written_at"])
    op.create_table(
        "plan_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("achievements", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("risks", sa.Text(), nullable=False),
        sa.Column("written_by", String(length=32), nullable=False),
        sa.Column("written_at", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["maintenance_plan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_review_plan", "plan_review", ["plan_id", "written_at"])


def downgrade() -> None:
    op.drop_index("ix_plan_review_plan", table_name="plan_review")
    op.drop_table("plan_review")
    op.drop_index("ix_plan_note_plan", table_name="plan_note")
    op.drop_table("plan_note")
    op.drop_index("ix_plan_activity_day", table_name="plan_activity")
    op.drop_index("ix_plan_activity_plan", table_name="plan_activity")
    op.drop_table("plan_activity")
    op.drop_index("ix_maintenance_plan_end", table_name="maintenance_plan")
    op.drop_table("maintenance_plan")
