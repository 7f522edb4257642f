"""A search term's card manager beside it: customer_term.manager_id, in ix_customer_term_prefix

A find looks up a person's own cards apart when a prefix is crowded, so that theirs are never
crowded out by others' (bot/store/term_probes.py). That look-up read every term of the prefix
in the workspace and each term's card, to see whose it was: a misspelt pinyin whose first
three letters 12,000 terms share (`xia…` at 100,000 cards) spent 12 ms in it, where a whole
find costs 5 (issue 17). With the manager on the term, and in the prefix index after the
term, the look-up reads the prefix's index entries alone, each telling whose it is, and goes
to the table only for the person's own: 0.8 ms. An index of its own, (team, manager, term),
would read only the person's (0.15 ms), but one more index of every term made an import of
100,000 rows 6–16 s slower, past its minute.

The copy is written with the term (bot/store/card_index.py reads it from the card in the
same statement; an import writes its rows' own) and kept by a trigger whenever a statement
sets a card's manager: the card's form, where a card is handed over, today, and whatever
sets it later. Terms written before this migration are filled from their cards here.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPY = "UPDATE customer_term SET manager_id = NEW.manager_id WHERE customer_id = NEW.id"
# UPDATE OF fires only when manager_id is set: a contact logged on a card does not fire it
SQLITE_TRIGGER = (
    "CREATE TRIGGER customer_term_manager AFTER UPDATE OF manager_id ON customer "
    f"WHEN OLD.manager_id IS NOT NEW.manager_id BEGIN {COPY}; END"
)
POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION customer_term_manager() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {COPY};
  RETURN NULL;
END $$
"""
POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER customer_term_manager AFTER UPDATE OF manager_id ON customer "
    "FOR EACH ROW WHEN (OLD.manager_id IS DISTINCT FROM NEW.manager_id) "
    "EXECUTE FUNCTION customer_term_manager()"
)
FILL = {
    "sqlite": (
        "UPDATE customer_term SET manager_id = coalesce("
        "(SELECT manager_id FROM customer WHERE customer.id = customer_term.customer_id), '')"
    ),
    "postgresql": (
        "UPDATE customer_term SET manager_id = customer.manager_id "
        "FROM customer WHERE customer.id = customer_term.customer_id"
    ),
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column(
        "customer_term",
        sa.Column(
            "manager_id",
            sqlmodel.sql.sqltypes.AutoString(length=32),
            nullable=False,
            server_default="",
        ),
    )
    op.execute(FILL[dialect])  # before the index holds it: the index is written once
    op.drop_index("ix_customer_term_prefix", table_name="customer_term")
    op.create_index("ix_customer_term_prefix", "customer_term", ["team_id", "term", "manager_id"])
    if dialect == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        op.execute(POSTGRESQL_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER customer_term_manager ON customer")
        op.execute("DROP FUNCTION customer_term_manager()")
    else:
        op.execute("DROP TRIGGER customer_term_manager")
    op.drop_index("ix_customer_term_prefix", table_name="customer_term")
    op.create_index("ix_customer_term_prefix", "customer_term", ["team_id", "term"])
    with op.batch_alter_table("customer_term") as batch_op:
        batch_op.drop_column("manager_id")
