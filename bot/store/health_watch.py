"""Keeps each card's kept health (CardHealth) from going wrong, in the flush that changes
it: a card made, or changed in a column its health is made from or its row copies, gets
its row written again with its columns as they now are, out of date, and a change of the
workspace's stale thresholds marks the whole workspace's. A change of any other input of
its health — its contact records, follow-ups, milestones, contacts and their roles, the
phase plan — is marked by the database itself, in the statement that writes it, whatever
sends it (triggers, migration 0030). A row out of date is computed again before it is read
(bot/customers/kept_health.py). One hook on every session, so no use case can forget it;
statements that bypass the ORM must not write a card's own row or the thresholds (or must
do the same)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import Insert, event, inspect, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from bot.store.insights import CARD_COLUMN_NAMES
from bot.store.models import Customer, WorkspaceSetting
from bot.store.settings import STALE_KEY
from bot.store.team_models import OUT_OF_DATE, CardHealth
from bot.store.types import table_of

CHUNK = 500
CARD_COLUMNS = (
    "team_id",
    "legal_name",
    "manager_id",
    "status",
    "level",
    "phase",
    "value_tier",
    "security_level",
    "province",
    "city",
    "created_at",
    "archived_at",
)
# a card's columns its health is computed from (bot/store/insights.py), and those its kept
# row copies: a change of any other (its address, phone or notes; who touched it last and
# when, as a contact added to it does) leaves the kept row true
WATCHED_COLUMNS = frozenset(CARD_COLUMN_NAMES) | frozenset(CARD_COLUMNS)


def placeholder(card: Customer) -> dict[str, Any]:
    """A card's row, out of date until its health is computed."""
    return placeholder_of(card.id or 0, {name: getattr(card, name) for name in CARD_COLUMNS})


def placeholder_of(customer_id: int, card: Mapping[str, Any]) -> dict[str, Any]:
    """The same from a card's column values (a card written without the ORM: an import)."""
    return {
        "customer_id": customer_id,
        **{name: card.get(name) for name in CARD_COLUMNS},
        "score": 0,
        "light": "red",
        "stale": False,
        "cadence": "",
        "overdue": 0,
        "slipping": 0,
        "fresh_until": OUT_OF_DATE,
        "computed_at": OUT_OF_DATE,
    }


def placeholders_from_cards(ids: list[int]) -> Insert:
    """The same rows for these new cards, made by the database from the cards' own columns:
    an import's thousands of cards without their columns sent back to it one value at a time."""
    cards, health = table_of(Customer), table_of(CardHealth)
    fixed = {
        k: v for k, v in placeholder_of(0, {}).items() if k not in ("customer_id", *CARD_COLUMNS)
    }
    rows = select(
        cards.c.id,
        *(cards.c[name] for name in CARD_COLUMNS),
        *(literal(value, health.c[name].type) for name, value in fixed.items()),
    ).where(cards.c.id.in_(ids))
    return health.insert().from_select(["customer_id", *CARD_COLUMNS, *fixed], rows)


@event.listens_for(Session, "after_flush")
def _keep_up(session: Session, _context: Any) -> None:
    # After the flush new rows have their ids, and new/dirty/deleted still list what it wrote.
    cards: dict[int, Customer] = {}
    teams: set[str] = set()
    for row in chain(session.new, session.dirty, session.deleted):
        if isinstance(row, Customer):
            # a card touched without a change of its health's columns (a contact added to
            # it, its address) keeps its row: its other inputs are the triggers' (issue 17)
            changed = row in session.new or _changed(row)
            if row.id is not None and row not in session.deleted and changed:
                cards[row.id] = row
        elif isinstance(row, WorkspaceSetting) and row.key == STALE_KEY:
            teams.add(row.team_id)
    if not cards and not teams:
        return
    connection = session.connection()
    table = CardHealth.__table__  # type: ignore[attr-defined]
    if teams:
        connection.execute(
            update(table)
            .where(col(CardHealth.team_id).in_(sorted(teams)))
            .values(fresh_until=OUT_OF_DATE)
        )
    made = sorted(cards)
    upsert = _placeholder_upsert(connection.dialect.name)
    for start in range(0, len(made), CHUNK):
        connection.execute(upsert, [placeholder(cards[i]) for i in made[start : start + CHUNK]])


def _changed(card: Customer) -> bool:
    """Whether the flush changed a column of the card its kept health is made from."""
    state = inspect(card)
    return any(state.attrs[name].history.has_changes() for name in WATCHED_COLUMNS)


@lru_cache(maxsize=2)
def _placeholder_upsert(dialect_name: str) -> Insert:
    """Cards' placeholder rows, run with a list of rows (one statement, its compiled form
    kept: a VALUES list of the rows themselves is compiled again for every flush)."""
    # an upsert, not a delete and an insert: two transactions writing one card's row at once
    # (the health sweep filling in a missing row while the card is changed) must not make
    # one of them fail on the other's new row
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    table = CardHealth.__table__  # type: ignore[attr-defined]
    statement = dialect.insert(table)
    columns = [name for name in placeholder_of(0, {}) if name != "customer_id"]
    return statement.on_conflict_do_update(
        index_elements=["customer_id"],
        set_={name: getattr(statement.excluded, name) for name in columns},
    )
