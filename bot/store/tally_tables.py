"""The workspace's cards counted ahead of time, so that `/customer stats` for a person who
sees every live card (an admin, the head of the whole tree) sums a few hundred rows instead
of counting a million kept health rows (card_health) on every request.

A trigger on card_health (migration 0025) appends each change's difference to
`tally_change` — an insert, which never waits on another transaction the way an update of a
shared counter would — and the health sweep folds those rows into `card_tally` (by the
figures' groups) and `manager_tally` (by manager). A reader sums the folded rows and the
changes not folded yet in one snapshot, so the figures are always the cards' own.
Registered on SQLModel's metadata by bot/store/models.py."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from bot.store.table_model import TableModel


class CardTally(TableModel, table=True):
    """Live cards of a workspace per group of the statistics' grid, with the sums the
    figures add up (the columns of card_store.grouped_counts)."""

    __tablename__ = "card_tally"

    team_id: str = Field(primary_key=True, max_length=32)
    status: str = Field(primary_key=True, max_length=16)
    level: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    phase: str = Field(primary_key=True, max_length=24)
    value_tier: str = Field(primary_key=True, max_length=1)
    light: str = Field(primary_key=True, max_length=8)
    cards: int = 0
    stale: int = 0
    cadence_kept: int = 0
    cadence_missed: int = 0
    overdue: int = 0
    slipping: int = 0
    slipping_cards: int = 0


class ManagerTally(TableModel, table=True):
    """Live cards of a workspace per account manager and security level: the figures per
    manager, and whether anyone's card is above a person's clearance."""

    __tablename__ = "manager_tally"

    team_id: str = Field(primary_key=True, max_length=32)
    manager_id: str = Field(primary_key=True, max_length=32)
    security_level: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    cards: int = 0
    reds: int = 0


class TallyChange(TableModel, table=True):
    """One card's difference to the tallies (a card counted: +1 and its sums; no longer
    counted as it was: -1 and minus them), written by the trigger, folded by the sweep."""

    __tablename__ = "tally_change"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    manager_id: str = Field(max_length=32)
    security_level: int
    status: str = Field(max_length=16)
    level: int
    phase: str = Field(max_length=24)
    value_tier: str = Field(max_length=1)
    light: str = Field(max_length=8)
    cards: int
    stale: int
    cadence_kept: int
    cadence_missed: int
    overdue: int
    slipping: int
    slipping_cards: int


class RecordTally(TableModel, table=True):
    """A workspace's current contact records per day (UTC) of their writing and their card's
    kept state: `kept` live (with the card's status, phase and value tier), archived, or none
    (the card has no kept row; status, phase and tier empty, as for an archived card). The
    trend of `/customer stats` over every live card, or every live card of a phase, status
    or tier, sums a few hundred of these rows instead of counting up to a million index
    entries (issue 19). Triggers on contact_record and card_health (migration 0026) append
    each change to `record_tally_change`; the health sweep folds them here."""

    __tablename__ = "record_tally"

    team_id: str = Field(primary_key=True, max_length=32)
    day: date = Field(primary_key=True)
    kept: str = Field(primary_key=True, max_length=8)
    status: str = Field(primary_key=True, max_length=16)
    phase: str = Field(primary_key=True, max_length=24)
    value_tier: str = Field(primary_key=True, max_length=1)
    records: int = 0


class RecordTallyChange(TableModel, table=True):
    """Records counted (+n) or no longer counted (-n) on a day under a card state, written
    by the triggers."""

    __tablename__ = "record_tally_change"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    day: date
    kept: str = Field(max_length=8)
    status: str = Field(max_length=16)
    phase: str = Field(max_length=24)
    value_tier: str = Field(max_length=1)
    records: int
