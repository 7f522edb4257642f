"""change requests and the steps they took (issue 21)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

String = sqlmodel.sql.sqltypes.AutoString
Moment = bot.store.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "change_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("summary", String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("requested_by_contact_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_user", String(length=32), nullable=False),
        sa.Column("affected_milestones", sa.JSON(), nullable=False),
        sa.Column("owner_id", String(length=32), nullable=False),
        sa.Column("state", String(length=16), nullable=False),
        sa.Column("schedule_days", sa.Integer(), nullable=True),
        sa.Column("cost_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", String(length=3), nullable=False),
        sa.Column("resources", sa.Text(), nullable=False),
        sa.Column("risk", String(length=8), nullable=False),
        sa.Column("recommendation", String(length=24), nullable=False),
        sa.Column("created_by", String(length=32), nullable=False),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.Column("state_changed_at", Moment(timezone=True), nullable=False),
        sa.Column("reminded_at", Moment(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.ForeignKeyConstraint(["requested_by_contact_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
        # "CR-3" names one request of one customer
        sa.UniqueConstraint("customer_id", "number", name="uq_change_request_number"),
    )
    op.create_index("ix_change_request_customer", "change_request", ["customer_id", "state"])
    op.create_index(
        "ix_change_request_open", "change_request", ["team_id", "state", "state_changed_at"]
    )
    op.create_table(
        "change_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_request_id", sa.Integer(), nullable=False),
        sa.Column("step", String(length=16), nullable=False),
        sa.Column("from_state", String(length=16), nullable=False),
        sa.Column("to_state", String(length=16), nullable=False),
        sa.Column("taken_by", String(length=32), nullable=False),
        sa.Column("on_behalf_of_contact_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("taken_at", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["change_request_id"], ["change_request.id"]),
        sa.ForeignKeyConstraint(["on_behalf_of_contact_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_change_step_request", "change_step", ["change_request_id", "taken_at"])


def downgrade() -> None:
    op.drop_index("ix_change_step_request", table_name="change_step")
    op.drop_table("change_step")
    op.drop_index("ix_change_request_open", table_name="change_request")
    op.drop_index("ix_change_request_customer", table_name="change_request")
    op.drop_table("change_request")
