"""Tables of the manager's views (issue 19): contact roles, channel notice subscriptions and
their cursors, and the health each reader was last told about. Registered on SQLModel's
metadata by bot/store/models.py; every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class ContactRole(TableModel, table=True):
    """A contact's role at the customer (决策人 …) and whether they have left the company.
    One row per contact, changed in place; every change is also in the card's history."""

    __tablename__ = "contact_role"
    __table_args__ = (Index("ix_contact_role_customer", "customer_id", "role"),)

    contact_id: int = Field(primary_key=True, foreign_key="contact.id")
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    role: str = Field(default="", max_length=16)  # decision_maker | influencer | user | …
    left_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # left the company
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class NoticeSubscription(TableModel, table=True):
    """A project channel's choice for one kind of change notice; no row: the default."""

    __tablename__ = "notice_subscription"

    team_id: str = Field(primary_key=True, max_length=32)
    channel_id: str = Field(primary_key=True, max_length=32)
    topic: str = Field(primary_key=True, max_length=16)  # status | manager | phase | …
    enabled: bool = Field(default=True)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class NoticeCursor(TableModel, table=True):
    """How far a channel's change notices have been claimed: the last card event and the
    last contact record told. Moved only by the sweep that claimed the batch."""

    __tablename__ = "notice_cursor"

    team_id: str = Field(primary_key=True, max_length=32)
    channel_id: str = Field(primary_key=True, max_length=32)
    event_id: int = Field(default=0)
    record_id: int = Field(default=0)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class HealthMark(TableModel, table=True):
    """The traffic light a weekly digest or roll-up last told its reader about a card, so
    the next one names a drop across a threshold since then. `audience`: `d:<manager>` for a
    digest, `r:<supervisor>` for a roll-up."""

    __tablename__ = "health_mark"

    customer_id: int = Field(primary_key=True, foreign_key="customer.id")
    audience: str = Field(primary_key=True, max_length=40)
    light: str = Field(max_length=8)  # green | amber | red
    score: int = Field(default=0)
    marked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


OUT_OF_DATE = datetime(2000, 1, 1, tzinfo=UTC)  # a kept health to compute again


class CardHealth(TableModel, table=True):
    """Each card's health as last computed (bot/customers/kept_health.py), with the card's
    columns the manager's views select and count by, so `/customer stats` over 100k cards
    reads this narrow table instead of the cards. Every live card has a row: the flush that
    makes or changes a card writes its columns here, and the flush that changes the stale
    thresholds marks them out of date (bot/store/health_watch.py); any statement that writes
    another input of its health (records, follow-ups, milestones, contacts, roles, plans)
    marks it by the database's triggers (migration 0030). A row is true until
    `fresh_until`, the first moment the clock alone would change it (a threshold of days
    quiet reached, a follow-up or milestone falling due, a cadence period ending); one out
    of date is computed again before it is read."""

    __tablename__ = "card_health"
    __table_args__ = (
        # the statistics' grouped counts and per-manager figures, read in index order and
        # covered by it (migration 0023)
        Index(
            "ix_card_health_grouped",
            "team_id",
            "status",
            "level",
            "phase",
            "value_tier",
            "light",
            "archived_at",
            "stale",
            "cadence",
            "overdue",
            "slipping",
            "manager_id",
            "security_level",
        ),
        Index(
            "ix_card_health_manager",
            "team_id",
            "manager_id",
            "archived_at",
            "security_level",
            "light",
            # the statistics' filters, so that a filtered count per manager is read from
            # the index alone (0024)
            "status",
            "phase",
            "value_tier",
        ),
        # the least healthy first, with what the short lists choose by: a list over the
        # workspace's cards reads them in this order and stops at its count (0024)
        Index(
            "ix_card_health_least",
            "team_id",
            "score",
            "legal_name",
            "customer_id",
            "archived_at",
            "stale",
            "cadence",
            "slipping",
        ),
        # each manager's live cards at a security level, the least healthy first: what a
        # roll-up's short lists read up to their cut, and a team's cards read from the index
        # alone (0025)
        Index(
            "ix_card_health_group",
            "team_id",
            "manager_id",
            "security_level",
            "score",
            "customer_id",
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
        # the live cards whose kept health counts an overdue follow-up, with what the
        # selections filter and group by: the only cards whose follow-ups an overdue figure
        # checks (0027)
        Index(
            "ix_card_health_owed",
            "team_id",
            "customer_id",
            "manager_id",
            "security_level",
            "status",
            "phase",
            "value_tier",
            "level",
            "light",
            sqlite_where=text("archived_at IS NULL AND overdue > 0"),
            postgresql_where=text("archived_at IS NULL AND overdue > 0"),
        ),
        # a workspace's archived cards (few): what the statistics leave out when a person
        # sees every live card (0024)
        Index(
            "ix_card_health_archived",
            "team_id",
            "customer_id",
            sqlite_where=text("archived_at IS NOT NULL"),
            postgresql_where=text("archived_at IS NOT NULL"),
        ),
    )

    customer_id: int = Field(primary_key=True, foreign_key="customer.id")
    # the card's own columns, as on `customer` (same names: the views' selections apply)
    team_id: str = Field(max_length=32, index=True)
    legal_name: str = Field(max_length=200)
    manager_id: str = Field(max_length=32)
    status: str = Field(max_length=16)
    level: int
    phase: str = Field(max_length=24)
    value_tier: str = Field(max_length=1)
    security_level: int
    province: str = Field(default="", max_length=50)
    city: str = Field(default="", max_length=50)
    created_at: datetime = Field(sa_type=UTCDateTime)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # its health
    score: int
    light: str = Field(max_length=8)  # green | amber | red
    stale: bool = False
    cadence: str = Field(default="", max_length=8)  # "" | kept | missed
    overdue: int = 0
    slipping: int = 0
    fresh_until: datetime = Field(sa_type=UTCDateTime, index=True)
    computed_at: datetime = Field(sa_type=UTCDateTime)
