"""Whom a person supervises, found by supervisor: ix_team_member_supervisor

A find of colleagues' cards reads, with the cards, whom the person supervises directly or
not (bot/store/access.py view_columns), down the tree a level at a time: each level looks
its members up by their supervisor, which the primary key (team, member) cannot answer
without reading every member of the workspace.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_team_member_supervisor", "team_member", ["team_id", "supervisor_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_team_member_supervisor", table_name="team_member")
