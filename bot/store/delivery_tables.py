"""Tables of what Rapport posts on its own: the delivery ledger and the weekly schedules.

Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class Delivery(TableModel, table=True):
    """The delivery ledger: one row per reminder or brief that is due, so each posts at most
    once across restarts and replicas. A claim holds a lease; an expired lease is retried."""

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("kind", "item_key", "period", name="uq_delivery"),
        Index("ix_delivery_pending", "status", "lease_until"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=32)
    item_key: str = Field(max_length=64)
    period: str = Field(max_length=64)
    target: str = Field(max_length=32)  # the user (DM) or channel it posts to
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="claimed", max_length=16)  # claimed | sent | skipped | failed
    claimed_by: str = Field(default="", max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = Field(default=0)
    due_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str = Field(default="", max_length=300)
    # when its claimer began posting it: a claim taken over with this set may have reached
    # Slack before its claimer died, so Slack is asked before it is posted again
    posting_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Schedule(TableModel, table=True):
    """A weekly post (a channel's brief, a manager's digest) and when it next runs."""

    __tablename__ = "schedule"
    __table_args__ = (
        UniqueConstraint("team_id", "kind", "target", name="uq_schedule"),
        Index("ix_schedule_next", "enabled", "next_run_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)  # brief | digest
    target: str = Field(max_length=32)
    tz: str = Field(default="UTC", max_length=64)
    weekday: int = Field(default=0)  # Monday
    hour: int = Field(default=9)
    locale: str = Field(default="en-US", max_length=16)  # a channel has none: its linker's
    enabled: bool = Field(default=True)
    next_run_at: datetime = Field(sa_type=UTCDateTime)
    updated_by: str = Field(default="", max_length=32)
