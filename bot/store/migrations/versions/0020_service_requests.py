"""customers' requests and complaints with their response targets (issue 21)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

String = sqlmodel.sql.sqltypes.AutoString
Moment = bot.store.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "service_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("kind", String(length=16), nullable=False),
        sa.Column("tier", String(length=1), nullable=False),
        sa.Column("owner_id", String(length=32), nullable=False),
        sa.Column("respond_by", Moment(timezone=True), nullable=False),
        sa.Column("resolve_by", Moment(timezone=True), nullable=False),
        sa.Column("first_response_at", Moment(timezone=True), nullable=True),
        sa.Column("first_response_by", String(length=32), nullable=False),
        sa.Column("resolved_at", Moment(timezone=True), nullable=True),
        sa.Column("resolved_by", String(length=32), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("withdrawn_at", Moment(timezone=True), nullable=True),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["record_id"], ["contact_record.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_service_request_open", "service_request", ["team_id", "resolved_at", "respond_by"]
    )
    op.create_index("ix_service_request_customer", "service_request", ["customer_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_service_request_customer", table_name="service_request")
    op.drop_index("ix_service_request_open", table_name="service_request")
    op.drop_table("service_request")
