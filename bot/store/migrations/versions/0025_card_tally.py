"""The workspace's live cards counted ahead of time: card_tally, manager_tally, tally_change

`/customer stats` for a person who sees every live card counted a million kept health rows
twice per request on PostgreSQL (by the grid's groups, then by manager: about 0.5 s of its
0.9 s, issue 19). A trigger on card_health now appends each change's difference to
tally_change (inserts only: no transaction waits on another's counter), the health sweep
folds them into card_tally and manager_tally, and the reader sums both in one snapshot.
The tallies are filled here from the rows there are. And the supervisors' roll-ups read
each manager's least healthy cards from an index, up to the lists' cut (ix_card_health_group);
a team's weeks of contact records are counted card by card from ix_contact_record_timeline,
widened to hold what the count checks.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = [
    "team_id",
    "manager_id",
    "security_level",
    "status",
    "level",
    "phase",
    "value_tier",
    "light",
]
SUMS = ["cards", "stale", "cadence_kept", "cadence_missed", "overdue", "slipping", "slipping_cards"]
LIVE = sa.text("archived_at IS NULL")
CHANGED = ", ".join([*KEY, "stale", "cadence", "overdue", "slipping"])


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _sums(row: str, sign: str, dialect: str) -> str:
    """The values a card adds to the tallies (`sign` -: what it takes away)."""
    as_int = "::int" if dialect == "postgresql" else ""
    values = [f"{row}.{name}" for name in KEY]
    values += [
        f"{sign}1",
        f"{sign}({row}.stale){as_int}",
        f"{sign}({row}.cadence = 'kept'){as_int}",
        f"{sign}({row}.cadence = 'missed'){as_int}",
        f"{sign}{row}.overdue",
        f"{sign}{row}.slipping",
        f"{sign}({row}.slipping > 0){as_int}",
    ]
    return f"INSERT INTO tally_change ({', '.join(KEY + SUMS)}) VALUES ({', '.join(values)});"


def _changed() -> str:
    olds = ", ".join(f"OLD.{c.strip()}" for c in CHANGED.split(","))
    news = ", ".join(f"NEW.{c.strip()}" for c in CHANGED.split(","))
    return f"({olds}) IS DISTINCT FROM ({news})"


SQLITE_TRIGGERS = [
    "CREATE TRIGGER card_health_tally_insert AFTER INSERT ON card_health "
    f"WHEN NEW.archived_at IS NULL BEGIN {_sums('NEW', '', 'sqlite')} END",
    "CREATE TRIGGER card_health_tally_update_old AFTER UPDATE ON card_health "
    "WHEN OLD.archived_at IS NULL AND (NEW.archived_at IS NOT NULL OR "
    f"{_changed().replace('IS DISTINCT FROM', 'IS NOT')}) "
    f"BEGIN {_sums('OLD', '-', 'sqlite')} END",
    "CREATE TRIGGER card_health_tally_update_new AFTER UPDATE ON card_health "
    "WHEN NEW.archived_at IS NULL AND (OLD.archived_at IS NOT NULL OR "
    f"{_changed().replace('IS DISTINCT FROM', 'IS NOT')}) "
    f"BEGIN {_sums('NEW', '', 'sqlite')} END",
    "CREATE TRIGGER card_health_tally_delete AFTER DELETE ON card_health "
    f"WHEN OLD.archived_at IS NULL BEGIN {_sums('OLD', '-', 'sqlite')} END",
]
POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION card_health_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.archived_at IS NULL THEN {_sums("NEW", "", "postgresql")} END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.archived_at IS NULL THEN {_sums("OLD", "-", "postgresql")} END IF;
  ELSIF OLD.archived_at IS NULL AND NEW.archived_at IS NULL THEN
    IF {_changed()} THEN
      {_sums("OLD", "-", "postgresql")}
      {_sums("NEW", "", "postgresql")}
    END IF;
  ELSIF OLD.archived_at IS NULL THEN {_sums("OLD", "-", "postgresql")}
  ELSIF NEW.archived_at IS NULL THEN {_sums("NEW", "", "postgresql")}
  END IF;
  RETURN NULL;
END $$
"""
POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER card_health_tally AFTER INSERT OR UPDATE OR DELETE ON card_health "
    "FOR EACH ROW EXECUTE FUNCTION card_health_tally()"
)
FILL = (
    f"INSERT INTO tally_change ({', '.join(KEY + SUMS)}) "
    f"SELECT {', '.join(KEY)}, 1, CASE WHEN stale THEN 1 ELSE 0 END, "
    "CASE WHEN cadence = 'kept' THEN 1 ELSE 0 END, "
    "CASE WHEN cadence = 'missed' THEN 1 ELSE 0 END, overdue, slipping, "
    "CASE WHEN slipping > 0 THEN 1 ELSE 0 END FROM card_health WHERE archived_at IS NULL"
)


def upgrade() -> None:
    op.create_table(
        "card_tally",
        sa.Column("team_id", _text(32), nullable=False),
        sa.Column("status", _text(16), nullable=False),
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("phase", _text(24), nullable=False),
        sa.Column("value_tier", _text(1), nullable=False),
        sa.Column("light", _text(8), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in SUMS),
        sa.PrimaryKeyConstraint("team_id", "status", "level", "phase", "value_tier", "light"),
    )
    op.create_table(
        "manager_tally",
        sa.Column("team_id", _text(32), nullable=False),
        sa.Column("manager_id", _text(32), nullable=False),
        sa.Column("security_level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cards", sa.Integer(), nullable=False),
        sa.Column("reds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "manager_id", "security_level"),
    )
    op.create_table(
        "tally_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", _text(32), nullable=False),
        sa.Column("manager_id", _text(32), nullable=False),
        sa.Column("security_level", sa.Integer(), nullable=False),
        sa.Column("status", _text(16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("phase", _text(24), nullable=False),
        sa.Column("value_tier", _text(1), nullable=False),
        sa.Column("light", _text(8), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in SUMS),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_tally_change_team_id"), "tally_change", ["team_id"], unique=False)
    # a card's records in time order with what the trend checks of each (the statistics of
    # a team count its weeks card by card from this index alone)
    op.drop_index("ix_contact_record_timeline", table_name="contact_record")
    op.create_index(
        "ix_contact_record_timeline",
        "contact_record",
        ["customer_id", "created_at", "superseded", "retracted_at"],
    )
    # the roll-ups' short lists: each manager's live cards at a security level, the least
    # healthy first, read up to the cut (bot/store/team_reads.py)
    op.create_index(
        "ix_card_health_group",
        "card_health",
        ["team_id", "manager_id", "security_level", "score", "customer_id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        op.execute(POSTGRESQL_TRIGGER)
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    op.execute(FILL)  # folded by the first health sweep, counted by readers until then


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER card_health_tally ON card_health")
        op.execute("DROP FUNCTION card_health_tally()")
    else:
        for name in ("insert", "update_old", "update_new", "delete"):
            op.execute(f"DROP TRIGGER card_health_tally_{name}")
    op.drop_index("ix_card_health_group", table_name="card_health")
    op.drop_index("ix_contact_record_timeline", table_name="contact_record")
    op.create_index("ix_contact_record_timeline", "contact_record", ["customer_id", "created_at"])
    op.drop_index(op.f("ix_tally_change_team_id"), table_name="tally_change")
    op.drop_table("tally_change")
    op.drop_table("manager_tally")
    op.drop_table("card_tally")
