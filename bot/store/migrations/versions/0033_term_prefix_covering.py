"""The prefix index of search terms holds what a find reads of each term: its weight and card

A find reads the terms that start with what was typed, up to 500 of them, in the order of
ix_customer_term_prefix (team, term, manager): the entry told the term, and each row's
weight and card were then read from the table, a look-up by rowid for every term (issue 17:
SQLite's own time was the largest part of a find's CPU). With the weight and the card in
the index after the manager, the range of the index is all the read needs: a prefix whose
terms are many (331 on average, in 300 prefixes of four letters at 100,000 cards) was read
in 153 µs instead of 294. The index keeps one entry per term, as before, each two integers
longer.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COVERING = ["team_id", "term", "manager_id", "weight", "customer_id"]
BEFORE = ["team_id", "term", "manager_id"]


def upgrade() -> None:
    op.drop_index("ix_customer_term_prefix", table_name="customer_term")
    op.create_index("ix_customer_term_prefix", "customer_term", COVERING)


def downgrade() -> None:
    op.drop_index("ix_customer_term_prefix", table_name="customer_term")
    op.create_index("ix_customer_term_prefix", "customer_term", BEFORE)
