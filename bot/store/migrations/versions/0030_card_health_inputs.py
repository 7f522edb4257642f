"""A card's kept health put out of date by the database whenever one of its inputs is written

A card's kept health (card_health) is computed from its contact records, follow-ups,
milestones, contacts and their roles, and its phase plans. Until now a hook on every ORM
flush (bot/store/health_watch.py) sent one more statement after the flush to mark the
cards' rows out of date: on a `/log` line, the command people send most, one statement of
five (issue 17: at most 4 on the hot paths). And statements that bypass the ORM had to
remember to do the same: a contact import did not, and left the cards' health as it was
with their new decision makers.

Triggers now mark the row (fresh_until = OUT_OF_DATE) in the statement that writes the
input, whatever sends it: a row inserted or deleted marks its card's; a row updated marks
its card's before and after (a record moved by a merge). A follow-up's reminder columns
(reminded_for, reminded_at, set by the reminder sweep) are not an input and fire nothing. A
row already out of date is not written again; on PostgreSQL it is still locked (FOR NO KEY
UPDATE, as the hook's UPDATE locked it), so that a health sweep computing the card at that
moment (bot/store/card_health.py lock_kept) waits for the input's transaction and reads
what it wrote, instead of keeping a health computed without it. SQLite has one writer.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

P = "postgresql"
# OUT_OF_DATE (bot/store/team_models.py) as each backend stores it: SQLite keeps naive UTC
# text (bot/store/types.py, UTCDateTime), PostgreSQL a timestamptz
OUT_OF_DATE = {"sqlite": "'2000-01-01 00:00:00.000000'", "postgresql": "'2000-01-01 00:00:00+00'"}
# each input and the columns whose update fires (None: any); a follow-up's reminder columns
# are the sweep's bookkeeping, not an input
INPUTS: dict[str, tuple[str, ...] | None] = {
    "contact_record": None,
    "follow_up": (
        "team_id",
        "customer_id",
        "record_id",
        "owner_id",
        "title",
        "due_at",
        "tz",
        "status",
        "created_at",
        "updated_at",
    ),
    "milestone": None,
    "contact": None,
    "contact_role": None,
    "phase_plan": None,
}


def _mark(card: str, dialect: str) -> str:
    stale = OUT_OF_DATE[dialect]
    # a row the UPDATE's condition skips is not locked on PostgreSQL: it is locked first
    lock = (
        f"PERFORM 1 FROM card_health WHERE customer_id = {card} FOR NO KEY UPDATE; "
        if dialect == P
        else ""
    )
    return (
        f"{lock}UPDATE card_health SET fresh_until = {stale} "
        f"WHERE customer_id = {card} AND fresh_until > {stale};"
    )


def _update_of(table: str) -> str:
    columns = INPUTS[table]
    return f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"


def _sqlite_triggers(table: str) -> list[str]:
    s = "sqlite"
    return [
        f"CREATE TRIGGER {table}_health_insert AFTER INSERT ON {table} "
        f"BEGIN {_mark('NEW.customer_id', s)} END",
        f"CREATE TRIGGER {table}_health_update AFTER {_update_of(table)} ON {table} "
        f"BEGIN {_mark('OLD.customer_id', s)} {_mark('NEW.customer_id', s)} END",
        f"CREATE TRIGGER {table}_health_delete AFTER DELETE ON {table} "
        f"BEGIN {_mark('OLD.customer_id', s)} END",
    ]


FUNCTION = f"""
CREATE FUNCTION card_health_out_of_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {_mark("OLD.customer_id", P)}
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id <> OLD.customer_id) THEN
    {_mark("NEW.customer_id", P)}
  END IF;
  RETURN NULL;
END $$
"""


def _postgresql_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_health AFTER INSERT OR {_update_of(table)} OR DELETE "
        f"ON {table} FOR EACH ROW EXECUTE FUNCTION card_health_out_of_date()"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == P:
        op.execute(FUNCTION)
        for table in INPUTS:
            op.execute(_postgresql_trigger(table))
    else:
        for table in INPUTS:
            for trigger in _sqlite_triggers(table):
                op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == P:
        for table in INPUTS:
            op.execute(f"DROP TRIGGER {table}_health ON {table}")
        op.execute("DROP FUNCTION card_health_out_of_date()")
    else:
        for table in INPUTS:
            for name in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_health_{name}")
