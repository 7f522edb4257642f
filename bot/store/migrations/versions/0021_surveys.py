"""acceptance, satisfaction surveys and feedback items; a milestone's template kind (issue 21)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import bot.store.types

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

String = sqlmodel.sql.sqltypes.AutoString
Moment = bot.store.types.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        # the project template's step; milestones typed by people keep ""
        batch_op.add_column(sa.Column("kind", String(length=16), nullable=False, server_default=""))
    op.create_table(
        "acceptance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("accepted_by", String(length=32), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("accepted_at", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.ForeignKeyConstraint(["milestone_id"], ["milestone.id"]),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("milestone_id", name="uq_acceptance_milestone"),
    )
    op.create_index("ix_acceptance_customer_id", "acceptance", ["customer_id"])
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("acceptance_id", sa.Integer(), nullable=True),
        sa.Column("asked_of", String(length=32), nullable=False),
        sa.Column("state", String(length=16), nullable=False),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.Column("sent_to_channel", String(length=32), nullable=False),
        sa.Column("sent_at", Moment(timezone=True), nullable=True),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("responsiveness", sa.Integer(), nullable=True),
        sa.Column("communication", sa.Integer(), nullable=True),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("answered_by_user", String(length=32), nullable=False),
        sa.Column("answered_by_team", String(length=32), nullable=False),
        sa.Column("recorded_by", String(length=32), nullable=False),
        sa.Column("answered_at", Moment(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.ForeignKeyConstraint(["acceptance_id"], ["acceptance.id"]),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_survey_customer", "survey", ["customer_id", "state", "answered_at"])
    op.create_table(
        "feedback_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("questions", String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("owner_id", String(length=32), nullable=False),
        sa.Column("due_at", Moment(timezone=True), nullable=False),
        sa.Column("state", String(length=8), nullable=False),
        sa.Column("created_at", Moment(timezone=True), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("reported_back", sa.Text(), nullable=False),
        sa.Column("closed_by", String(length=32), nullable=False),
        sa.Column("closed_at", Moment(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_feedback_item_customer_id", "feedback_item", ["customer_id"])
    op.create_index("ix_feedback_item_open", "feedback_item", ["team_id", "state", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_feedback_item_open", table_name="feedback_item")
    op.drop_index("ix_feedback_item_customer_id", table_name="feedback_item")
    op.drop_table("feedback_item")
    op.drop_index("ix_survey_customer", table_name="survey")
    op.drop_table("survey")
    op.drop_index("ix_acceptance_customer_id", table_name="acceptance")
    op.drop_table("acceptance")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_column("kind")
