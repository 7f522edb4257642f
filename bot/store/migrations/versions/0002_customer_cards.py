"""customer cards

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("handle", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("handle_key", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("legal_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("province", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("county", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("phone_e164", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("phone_ext", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("manager_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("security_level", sa.Integer(), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("identity_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("created_from", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("updated_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("archived_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "created_from", name="uq_customer_created_from"),
        sa.UniqueConstraint("team_id", "handle_key", name="uq_customer_handle"),
        sa.UniqueConstraint("team_id", "identity_key", name="uq_customer_identity"),
    )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("salutation", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("office_phone_e164", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("office_phone_ext", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("home_phone_e164", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("mobile_e164", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("archived_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "customer_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("customer_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_event_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "customer_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("customer_key", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_key_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index("ix_customer_key_lookup", ["team_id", "kind", "key"], unique=False)

    op.create_table(
        "customer_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column(
            "term",
            sa.String(length=200).with_variant(sa.String(length=200, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("customer_term", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_term_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index("ix_customer_term_prefix", ["team_id", "term"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("customer_term", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_term_prefix")
        batch_op.drop_index(batch_op.f("ix_customer_term_customer_id"))

    op.drop_table("customer_term")
    with op.batch_alter_table("customer_key", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_key_lookup")
        batch_op.drop_index(batch_op.f("ix_customer_key_customer_id"))

    op.drop_table("customer_key")
    with op.batch_alter_table("customer_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_event_customer_id"))

    op.drop_table("customer_event")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_customer_id"))

    op.drop_table("contact")
    op.drop_table("customer")
