"""A card's answered survey puts its kept health out of date, as its other inputs do

A card's health counts its latest answered survey's overall score (issue 21), but migration
0030 left surveys out of the inputs whose writes mark the card's kept health out of date:
a survey answered, or moved to another card by a merge, left the kept health as it was
until it ran out. Until now a merge also wrote the kept card's health row again whenever it
touched the card's "Updated … by", which hid this for merges; a card touched only so keeps
its row now (bot/store/health_watch.py), so surveys get the same triggers as the others.

The columns whose update fires are those the health reads: the card, the state, the
overall score and when it was answered. On PostgreSQL the trigger runs 0030's function.
The kept health of every card with an answered survey is put out of date by the upgrade
itself: one answered before it may have a row still said true without it.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "customer_id, state, overall, answered_at"
# 0030's OUT_OF_DATE as each backend stores it: SQLite keeps naive UTC text, PostgreSQL a
# timestamptz
OUT_OF_DATE = {"sqlite": "'2000-01-01 00:00:00.000000'", "postgresql": "'2000-01-01 00:00:00+00'"}
STALE = OUT_OF_DATE["sqlite"]


def _mark(card: str) -> str:
    return (
        f"UPDATE card_health SET fresh_until = {STALE} "
        f"WHERE customer_id = {card} AND fresh_until > {STALE};"
    )


def _answered_before(dialect: str) -> str:
    stale = OUT_OF_DATE[dialect]
    return (
        f"UPDATE card_health SET fresh_until = {stale} WHERE fresh_until > {stale} "
        "AND customer_id IN (SELECT customer_id FROM survey WHERE state = 'answered')"
    )


SQLITE = {
    "insert": f"AFTER INSERT ON survey BEGIN {_mark('NEW.customer_id')} END",
    "update": f"AFTER UPDATE OF {COLUMNS} ON survey "
    f"BEGIN {_mark('OLD.customer_id')} {_mark('NEW.customer_id')} END",
    "delete": f"AFTER DELETE ON survey BEGIN {_mark('OLD.customer_id')} END",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(_answered_before(dialect))
    if dialect == "postgresql":
        op.execute(
            f"CREATE TRIGGER survey_health AFTER INSERT OR UPDATE OF {COLUMNS} OR DELETE "
            "ON survey FOR EACH ROW EXECUTE FUNCTION card_health_out_of_date()"
        )
    else:
        for name, body in SQLITE.items():
            op.execute(f"CREATE TRIGGER survey_health_{name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER survey_health ON survey")
    else:
        for name in SQLITE:
            op.execute(f"DROP TRIGGER survey_health_{name}")
