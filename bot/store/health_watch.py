"""Keeps each card's kept health (CardHealth) from going wrong, in the flush that changes
it: a card made or changed gets its row written again with its columns as they now are,
out of date; a change of any other input of its health — its contact records,
follow-ups, milestones, contacts and their roles, the phase plan — marks the row out of
date, and a change of the workspace's stale thresholds marks the whole workspace's. A row
out of date is computed again before it is read (bot/customers/kept_health.py). One hook on
every session, so no use case can forget it; statements that bypass the ORM must not write
these tables (or must do the same)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import Insert, bindparam, event, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.sql.dml import ReturningUpdate
from sqlmodel import col

from bot.store.models import Contact, Customer, WorkspaceSetting
from bot.store.plan_tables import Milestone, PhasePlan
from bot.store.record_tables import ContactRecord, FollowUp
from bot.store.settings import STALE_KEY
from bot.store.team_models import OUT_OF_DATE, CardHealth, ContactRole
from bot.store.types import table_of

INPUTS = (ContactRecord, FollowUp, Milestone, Contact, ContactRole, PhasePlan)
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


# The cards whose kept row this transaction has already put out of date: a later flush in
# it (a /log's follow-up after its record) need not do so again. Forgotten when a row is
# computed again (put_health) and whenever a transaction or savepoint ends (a savepoint
# rolled back takes its marks with it).
_MARKED = "rapport_health_marked"


def _marked(session: Session) -> set[int]:
    marked: set[int] = session.info.setdefault(_MARKED, set())
    return marked


def forget_marks(session: Session, ids: Iterable[int]) -> None:
    """These cards' kept rows were just computed again: a later change must mark them."""
    _marked(session).difference_update(ids)


@event.listens_for(Session, "after_transaction_end")
def _forget_all_marks(session: Session, transaction: SessionTransaction) -> None:
    # not at the end of each flush's own inner transaction (no parent only for the outermost)
    if transaction.parent is None or transaction.nested:
        session.info.pop(_MARKED, None)


@event.listens_for(Session, "after_flush")
def _keep_up(session: Session, _context: Any) -> None:
    # After the flush new rows have their ids, and new/dirty/deleted still list what it wrote.
    cards: dict[int, Customer] = {}
    inputs: set[int] = set()
    teams: set[str] = set()
    for row in chain(session.new, session.dirty, session.deleted):
        if isinstance(row, Customer):
            if row.id is not None and row not in session.deleted:
                cards[row.id] = row
        elif isinstance(row, INPUTS):
            inputs.add(row.customer_id)
        elif isinstance(row, WorkspaceSetting) and row.key == STALE_KEY:
            teams.add(row.team_id)
    if not cards and not inputs and not teams:
        return
    connection = session.connection()
    table = CardHealth.__table__  # type: ignore[attr-defined]
    if teams:
        connection.execute(
            update(table)
            .where(col(CardHealth.team_id).in_(sorted(teams)))
            .values(fresh_until=OUT_OF_DATE)
        )
    marked = _marked(session)
    ids = sorted(inputs - set(cards) - marked)
    for start in range(0, len(ids), CHUNK):
        # remembered only where a row was there to mark (and is now locked by this
        # transaction): a card with none yet may get one from the health sweep meanwhile
        marked.update(
            connection.execute(_mark_out_of_date(), {"ids": ids[start : start + CHUNK]}).scalars()
        )
    made = sorted(cards)
    upsert = _placeholder_upsert(connection.dialect.name)
    for start in range(0, len(made), CHUNK):
        connection.execute(upsert, [placeholder(cards[i]) for i in made[start : start + CHUNK]])
    marked.update(made)


@cache
def _mark_out_of_date() -> ReturningUpdate[int]:
    """These cards' kept rows out of date: made once, run with each flush's cards (a /log
    line's record and follow-up mark their card's), not made again for every flush."""
    table = table_of(CardHealth)
    return (
        update(table)
        .where(table.c.customer_id.in_(bindparam("ids", expanding=True)))
        .values(fresh_until=OUT_OF_DATE)
        .returning(table.c.customer_id)
    )


@lru_cache(maxsize=2)
def _placeholder_upsert(dialect_name: str) -> Insert:
    """Cards' placeholder rows, run with a list of rows (one statement, its compiled form
    kept: a VALUES list of the rows themselves is compiled again for every flush)."""
    # an upsert, not a delete and an insert: two transactions rewriting one card's row at once
    # (a card touched without a change of its own row, which takes no row lock) must not
    # make one of them fail on the other's new row
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    table = CardHealth.__table__  # type: ignore[attr-defined]
    statement = dialect.insert(table)
    columns = [name for name in placeholder_of(0, {}) if name != "customer_id"]
    return statement.on_conflict_do_update(
        index_elements=["customer_id"],
        set_={name: getattr(statement.excluded, name) for name in columns},
    )
