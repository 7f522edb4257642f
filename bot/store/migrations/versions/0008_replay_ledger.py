"""replay ledger: verified Slack requests, shared by every replica

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verified_request",
        sa.Column("request_timestamp", sa.BigInteger(), nullable=False),
        sa.Column("signature", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.PrimaryKeyConstraint("request_timestamp", "signature"),
    )


def downgrade() -> None:
    op.drop_table("verified_request")
