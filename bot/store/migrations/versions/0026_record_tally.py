"""A workspace's current contact records counted ahead of time, per day and by their card's
kept state: record_tally

`/customer stats` counted the weeks' records of its cards on every request: 1.2 million
index entries at a million cards for someone who sees every card (0.3 s of 0.5 s on
PostgreSQL), and card by card for a filter (0.5 s for 50,000 cards, 1.3 s for 250,000; issue
19). Each current record (not superseded by an edit, not retracted) is now counted on the
UTC day it was written under its card's kept row (card_health): live with its status, phase
and value tier; archived; or none (no kept row). Triggers append each difference to
record_tally_change: on contact_record, a record starting or stopping to be counted; on
card_health, a card's records moving when its status, phase, tier or archive changes. The
health sweep folds them into record_tally and readers sum both in one snapshot.

The two triggers read each other's table, so on PostgreSQL a record's trigger first locks
its card's kept row (FOR NO KEY UPDATE), which a change of the card's state holds until it
commits (or, with no kept row yet, the card's row, which a kept row's insert locks the same
way); what a trigger reads after waiting is what the other committed (write transactions are
READ COMMITTED: each statement of the trigger reads the latest). A record written while its
card changes is then counted once, under the card's new state. Row locks, not advisory
ones: a transaction writing a million records holds no entry per card in the lock table.
SQLite has one writer at a time.

The tally is filled here from the rows there are.

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

COLUMNS = "team_id, day, kept, status, phase, value_tier, records"
DAY = {"postgresql": "({r}.created_at AT TIME ZONE 'UTC')::date", "sqlite": "date({r}.created_at)"}
COUNTED = {
    "postgresql": "(NOT {r}.superseded AND {r}.retracted_at IS NULL)",
    "sqlite": "({r}.superseded = 0 AND {r}.retracted_at IS NULL)",
}


def _day(r: str, dialect: str) -> str:
    return DAY[dialect].format(r=r)


def _counted(r: str, dialect: str) -> str:
    return COUNTED[dialect].format(r=r)


def _state(k: str, *, joined: bool = False) -> str:
    """A card's kept state from its kept row `k` (live: with status, phase and tier; an
    archived card's are left out, so that all its records are one group). `joined`: `k` is
    a LEFT JOIN's, so maybe no row (none)."""
    live = f"{k}.archived_at IS NULL"
    none = f"WHEN {k}.customer_id IS NULL THEN 'none' " if joined else ""
    return (
        f"CASE {none}WHEN {live} THEN 'live' ELSE 'archived' END, "
        f"CASE WHEN {live} THEN coalesce({k}.status, '') ELSE '' END, "
        f"CASE WHEN {live} THEN coalesce({k}.phase, '') ELSE '' END, "
        f"CASE WHEN {live} THEN coalesce({k}.value_tier, '') ELSE '' END"
    )


NO_KEPT_ROW = "'none', '', '', ''"


def _record(r: str, sign: str, dialect: str) -> str:
    """The record `r` counted (`sign` '') or no longer counted ('-') under its card's state."""
    return (
        f"INSERT INTO record_tally_change ({COLUMNS}) "
        f"SELECT {r}.team_id, {_day(r, dialect)}, {_state('k', joined=True)}, {sign}1 "
        f"FROM (SELECT {r}.customer_id AS id) AS card "
        "LEFT JOIN card_health AS k ON k.customer_id = card.id;"
    )


def _records(k: str, sign: str, dialect: str, state: str) -> str:
    """The current records of kept row `k`'s card counted ('') or no longer counted ('-')
    under `state`."""
    day = _day("r", dialect)
    return (
        f"INSERT INTO record_tally_change ({COLUMNS}) "
        f"SELECT r.team_id, {day}, {state}, {sign}count(*) FROM contact_record AS r "
        f"WHERE r.customer_id = {k}.customer_id AND {_counted('r', dialect)} "
        f"GROUP BY r.team_id, {day};"
    )


def _same_record(dialect: str) -> str:
    """The record is counted before and after, on the same card, workspace and moment."""
    same = "IS NOT DISTINCT FROM" if dialect == "postgresql" else "IS"
    keys = "{r}.team_id, {r}.customer_id, {r}.created_at"
    return (
        f"({_counted('OLD', dialect)} AND {_counted('NEW', dialect)} AND "
        f"({keys.format(r='OLD')}) {same} ({keys.format(r='NEW')}))"
    )


def _same_state(dialect: str) -> str:
    """The kept row's state is the same before and after (its records stay where they are)."""
    same = "IS NOT DISTINCT FROM" if dialect == "postgresql" else "IS"
    keys = "{k}.archived_at IS NULL, {k}.status, {k}.phase, {k}.value_tier"  # same card: its key
    return f"(({keys.format(k='OLD')}) {same} ({keys.format(k='NEW')}))"


S = "sqlite"
SQLITE_TRIGGERS = [
    "CREATE TRIGGER contact_record_tally_insert AFTER INSERT ON contact_record "
    f"WHEN {_counted('NEW', S)} BEGIN {_record('NEW', '', S)} END",
    "CREATE TRIGGER contact_record_tally_update_old AFTER UPDATE ON contact_record "
    f"WHEN {_counted('OLD', S)} AND NOT {_same_record(S)} BEGIN {_record('OLD', '-', S)} END",
    "CREATE TRIGGER contact_record_tally_update_new AFTER UPDATE ON contact_record "
    f"WHEN {_counted('NEW', S)} AND NOT {_same_record(S)} BEGIN {_record('NEW', '', S)} END",
    "CREATE TRIGGER contact_record_tally_delete AFTER DELETE ON contact_record "
    f"WHEN {_counted('OLD', S)} BEGIN {_record('OLD', '-', S)} END",
    # a card's records follow its kept row (the row's own trigger fires before its records
    # would be read by anyone: one writer)
    "CREATE TRIGGER card_health_record_tally_insert AFTER INSERT ON card_health BEGIN "
    f"{_records('NEW', '-', S, NO_KEPT_ROW)} {_records('NEW', '', S, _state('NEW'))} END",
    "CREATE TRIGGER card_health_record_tally_update AFTER UPDATE ON card_health "
    f"WHEN NOT {_same_state(S)} BEGIN "
    f"{_records('OLD', '-', S, _state('OLD'))} {_records('NEW', '', S, _state('NEW'))} END",
    "CREATE TRIGGER card_health_record_tally_delete AFTER DELETE ON card_health BEGIN "
    f"{_records('OLD', '-', S, _state('OLD'))} {_records('OLD', '', S, NO_KEPT_ROW)} END",
]
P = "postgresql"
LOCK_CARD = """
CREATE FUNCTION record_tally_lock(card integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- the card's kept row, which a change of its state holds until it commits; a card
  -- without one: the card itself, which the kept row's insert locks the same way
  PERFORM 1 FROM card_health WHERE customer_id = card FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    PERFORM 1 FROM customer WHERE id = card FOR NO KEY UPDATE;
  END IF;
END $$
"""
RECORD_FUNCTION = f"""
CREATE FUNCTION contact_record_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND {_counted("OLD", P)}
     AND (TG_OP = 'DELETE' OR NOT {_same_record(P)}) THEN
    PERFORM record_tally_lock(OLD.customer_id);
    {_record("OLD", "-", P)}
  END IF;
  IF TG_OP <> 'DELETE' AND {_counted("NEW", P)}
     AND (TG_OP = 'INSERT' OR NOT {_same_record(P)}) THEN
    PERFORM record_tally_lock(NEW.customer_id);
    {_record("NEW", "", P)}
  END IF;
  RETURN NULL;
END $$
"""
CARD_FUNCTION = f"""
CREATE FUNCTION card_health_record_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND {_same_state(P)} THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN  -- the row is held by this change until it commits
    {_records("OLD", "-", P, _state("OLD"))}
  ELSE  -- a new row is seen by no one yet: the card is held instead (record_tally_lock)
    PERFORM 1 FROM customer WHERE id = NEW.customer_id FOR NO KEY UPDATE;
    {_records("NEW", "-", P, NO_KEPT_ROW)}
  END IF;
  IF TG_OP <> 'DELETE' THEN
    {_records("NEW", "", P, _state("NEW"))}
  ELSE
    {_records("OLD", "", P, NO_KEPT_ROW)}
  END IF;
  RETURN NULL;
END $$
"""
POSTGRESQL_TRIGGERS = [
    "CREATE TRIGGER contact_record_tally AFTER INSERT OR UPDATE OR DELETE ON contact_record "
    "FOR EACH ROW EXECUTE FUNCTION contact_record_tally()",
    "CREATE TRIGGER card_health_record_tally AFTER INSERT OR UPDATE OR DELETE ON card_health "
    "FOR EACH ROW EXECUTE FUNCTION card_health_record_tally()",
]


def _fill(dialect: str) -> str:
    day = _day("r", dialect)
    return (
        f"INSERT INTO record_tally_change ({COLUMNS}) "
        f"SELECT r.team_id, {day}, {_state('k', joined=True)}, count(*) "
        "FROM contact_record AS r LEFT JOIN card_health AS k ON k.customer_id = r.customer_id "
        f"WHERE {_counted('r', dialect)} GROUP BY 1, 2, 3, 4, 5, 6"
    )


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _key() -> list[sa.Column[object]]:
    return [
        sa.Column("team_id", _text(32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kept", _text(8), nullable=False),
        sa.Column("status", _text(16), nullable=False),
        sa.Column("phase", _text(24), nullable=False),
        sa.Column("value_tier", _text(1), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "record_tally",
        *_key(),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "day", "kept", "status", "phase", "value_tier"),
    )
    op.create_table(
        "record_tally_change",
        sa.Column("id", sa.Integer(), nullable=False),
        *_key(),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_record_tally_change_team_id"), "record_tally_change", ["team_id"], unique=False
    )
    dialect = op.get_bind().dialect.name
    if dialect == P:
        op.execute(LOCK_CARD)
        op.execute(RECORD_FUNCTION)
        op.execute(CARD_FUNCTION)
        for trigger in POSTGRESQL_TRIGGERS:
            op.execute(trigger)
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    op.execute(_fill(dialect))  # folded by the first health sweep, counted by readers until then


def downgrade() -> None:
    if op.get_bind().dialect.name == P:
        op.execute("DROP TRIGGER contact_record_tally ON contact_record")
        op.execute("DROP TRIGGER card_health_record_tally ON card_health")
        op.execute("DROP FUNCTION contact_record_tally()")
        op.execute("DROP FUNCTION card_health_record_tally()")
        op.execute("DROP FUNCTION record_tally_lock(integer)")
    else:
        for name in ("insert", "update_old", "update_new", "delete"):
            op.execute(f"DROP TRIGGER contact_record_tally_{name}")
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER card_health_record_tally_{name}")
    op.drop_index(op.f("ix_record_tally_change_team_id"), table_name="record_tally_change")
    op.drop_table("record_tally_change")
    op.drop_table("record_tally")
