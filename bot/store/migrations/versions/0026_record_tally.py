"""A workspace's current contact records counted per day ahead of time: record_tally

`/customer stats` over every live card (an admin's, the head of the whole tree's, without a
filter) counted the weeks' records on every request: 1.2 million index entries at a million
cards, about 0.3 s of its 0.5 s on PostgreSQL (issue 19). A trigger on contact_record now
appends each change to record_tally_change (+1: a record counted on its day, -1: no longer
counted there), the health sweep folds them into record_tally, and the reader sums both in
one snapshot, less the records of the workspace's archived cards (read card by card). The
trigger reads no other table, so no concurrent change to a card can make the count drift.
A record is counted while it is current (not superseded by an edit, not retracted), on the
UTC day it was written. The tally is filled here from the records there are.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAY = {
    "postgresql": "({row}.created_at AT TIME ZONE 'UTC')::date",
    "sqlite": "date({row}.created_at)",
}
COUNTED = {
    "postgresql": "(NOT {row}.superseded AND {row}.retracted_at IS NULL)",
    "sqlite": "({row}.superseded = 0 AND {row}.retracted_at IS NULL)",
}


def _day(row: str, dialect: str) -> str:
    return DAY[dialect].format(row=row)


def _counted(row: str, dialect: str) -> str:
    return COUNTED[dialect].format(row=row)


def _change(row: str, sign: str, dialect: str) -> str:
    """The record `row` counted (`sign` '') or no longer counted ('-') on its day."""
    return (
        "INSERT INTO record_tally_change (team_id, day, records) "
        f"VALUES ({row}.team_id, {_day(row, dialect)}, {sign}1);"
    )


def _same(dialect: str) -> str:
    """The record is counted before and after, on the same workspace and moment."""
    same = "IS NOT DISTINCT FROM" if dialect == "postgresql" else "IS"
    return (
        f"({_counted('OLD', dialect)} AND {_counted('NEW', dialect)} AND "
        f"(OLD.team_id, OLD.created_at) {same} (NEW.team_id, NEW.created_at))"
    )


SQLITE_TRIGGERS = [
    "CREATE TRIGGER contact_record_tally_insert AFTER INSERT ON contact_record "
    f"WHEN {_counted('NEW', 'sqlite')} BEGIN {_change('NEW', '', 'sqlite')} END",
    "CREATE TRIGGER contact_record_tally_update_old AFTER UPDATE ON contact_record "
    f"WHEN {_counted('OLD', 'sqlite')} AND NOT {_same('sqlite')} "
    f"BEGIN {_change('OLD', '-', 'sqlite')} END",
    "CREATE TRIGGER contact_record_tally_update_new AFTER UPDATE ON contact_record "
    f"WHEN {_counted('NEW', 'sqlite')} AND NOT {_same('sqlite')} "
    f"BEGIN {_change('NEW', '', 'sqlite')} END",
    "CREATE TRIGGER contact_record_tally_delete AFTER DELETE ON contact_record "
    f"WHEN {_counted('OLD', 'sqlite')} BEGIN {_change('OLD', '-', 'sqlite')} END",
]
POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION contact_record_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF {_counted("NEW", "postgresql")} THEN {_change("NEW", "", "postgresql")} END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF {_counted("OLD", "postgresql")} THEN {_change("OLD", "-", "postgresql")} END IF;
  ELSIF NOT {_same("postgresql")} THEN
    IF {_counted("OLD", "postgresql")} THEN {_change("OLD", "-", "postgresql")} END IF;
    IF {_counted("NEW", "postgresql")} THEN {_change("NEW", "", "postgresql")} END IF;
  END IF;
  RETURN NULL;
END $$
"""
POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER contact_record_tally AFTER INSERT OR UPDATE OR DELETE ON contact_record "
    "FOR EACH ROW EXECUTE FUNCTION contact_record_tally()"
)


def _fill(dialect: str) -> str:
    day = _day("contact_record", dialect)
    return (
        "INSERT INTO record_tally_change (team_id, day, records) "
        f"SELECT team_id, {day}, count(*) FROM contact_record "
        f"WHERE {_counted('contact_record', dialect)} GROUP BY team_id, {day}"
    )


def upgrade() -> None:
    op.create_table(
        "record_tally",
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "day"),
    )
    op.create_table(
        "record_tally_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_record_tally_change_team_id"), "record_tally_change", ["team_id"], unique=False
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        op.execute(POSTGRESQL_TRIGGER)
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    op.execute(_fill(dialect))  # folded by the first health sweep, counted by readers until then


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER contact_record_tally ON contact_record")
        op.execute("DROP FUNCTION contact_record_tally()")
    else:
        for name in ("insert", "update_old", "update_new", "delete"):
            op.execute(f"DROP TRIGGER contact_record_tally_{name}")
    op.drop_index(op.f("ix_record_tally_change_team_id"), table_name="record_tally_change")
    op.drop_table("record_tally_change")
    op.drop_table("record_tally")
