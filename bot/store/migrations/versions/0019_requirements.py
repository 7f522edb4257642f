"""requirement lists and their requirements; what a change request proposes (issue 21)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

String = sqlmodel.sql.sqltypes.AutoString
Moment = bot.store.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "requirement_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("state", String(length=16), nullable=False),
        sa.Column("confirmed_by", String(length=32), nullable=False),
        sa.Column("confirmed_for_contact_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_note", sa.Text(), nullable=False),
        sa.Column("confirmed_in", String(length=32), nullable=False),
        sa.Column("confirmed_at", Moment(timezone=True), nullable=True),
        sa.Column("created_by", String(length=32), nullable=False),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.ForeignKeyConstraint(["confirmed_for_contact_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_requirement_list_customer", "requirement_list", ["customer_id", "project_id"]
    )
    op.create_table(
        "requirement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", String(length=200), nullable=False),
        sa.Column("priority", String(length=8), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("added_by", String(length=32), nullable=False),
        sa.Column("added_at", Moment(timezone=True), nullable=False),
        sa.Column("change_request_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["requirement_list.id"]),
        sa.ForeignKeyConstraint(["change_request_id"], ["change_request.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("list_id", "number", name="uq_requirement_number"),
    )
    op.create_index("ix_requirement_list", "requirement", ["list_id", "number"])
    with op.batch_alter_table("change_request") as batch:
        batch.add_column(sa.Column("proposed", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("change_request") as batch:
        batch.drop_column("proposed")
    op.drop_index("ix_requirement_list", table_name="requirement")
    op.drop_table("requirement")
    op.drop_index("ix_requirement_list_customer", table_name="requirement_list")
    op.drop_table("requirement_list")
