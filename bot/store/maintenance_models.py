"""The relationship maintenance plan (客户维护计划, seed 002; issue 21 item 5).

A plan belongs to one card and one period (a quarter unless someone sets another). Its
activities — executive meetings, visits, tenders, events, training, holiday greetings — each
have a goal, an owner, a day and a budget; an activity is planned, done (with what it cost)
or cancelled, never deleted. The competitor strategy and the decision makers' view of us are
kept as versions (each save a row, the latest shown); so is the review at the period's end
(achievements, problems and risks). Every change here comes with an Alembic migration.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class MaintenancePlan(TableModel, table=True):
    __tablename__ = "maintenance_plan"
    __table_args__ = (
        UniqueConstraint("customer_id", "period_start", name="uq_maintenance_plan_period"),
        # the review sweep: plans whose period has ended and that have no review yet
        Index("ix_maintenance_plan_end", "period_end", "reviewed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    period_start: date
    period_end: date  # the last day of the period, included
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the latest review


class PlanActivity(TableModel, table=True):
    """One planned activity; its state moves (planned → done | cancelled), it is never deleted."""

    __tablename__ = "plan_activity"
    __table_args__ = (
        Index("ix_plan_activity_plan", "plan_id", "day"),
        Index("ix_plan_activity_day", "state", "day"),  # reminders: planned ones by day
        Index("uq_plan_activity_created_from", "created_from", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="maintenance_plan.id")
    kind: str = Field(max_length=16)  # executive | visit | tender | event | training | holiday
    goal: str = Field(max_length=300)
    owner_id: str = Field(max_length=32)
    day: date
    budget_minor: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(default="CNY", max_length=3)
    state: str = Field(default="planned", max_length=12)  # planned | done | cancelled
    spent_minor: int | None = Field(default=None, sa_type=BigInteger)
    outcome_note: str = Field(default="", sa_type=Text)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_by: str = Field(default="", max_length=32)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # the form submission that made it (bot/customers/cards.submission_key): sent again, refused
    created_from: str | None = Field(default=None, max_length=64)


class PlanNote(TableModel, table=True):
    """The competitor strategy (竞争策略) and the decision makers' view of us: append-only."""

    __tablename__ = "plan_note"
    __table_args__ = (
        Index("ix_plan_note_plan", "plan_id", "written_at"),
        Index("uq_plan_note_created_from", "created_from", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="maintenance_plan.id")
    competitors: str = Field(default="", sa_type=Text)
    decision_makers: str = Field(default="", sa_type=Text)
    written_by: str = Field(max_length=32)
    written_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # the form submission that made it (bot/customers/cards.submission_key): sent again, refused
    created_from: str | None = Field(default=None, max_length=64)


class PlanReview(TableModel, table=True):
    """The period's review (主要成绩、问题和风险): append-only, the latest is shown."""

    __tablename__ = "plan_review"
    __table_args__ = (
        Index("ix_plan_review_plan", "plan_id", "written_at"),
        Index("uq_plan_review_created_from", "created_from", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="maintenance_plan.id")
    achievements: str = Field(default="", sa_type=Text)
    problems: str = Field(default="", sa_type=Text)
    risks: str = Field(default="", sa_type=Text)
    written_by: str = Field(max_length=32)
    written_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # the form submission that made it (bot/customers/cards.submission_key): sent again, refused
    created_from: str | None = Field(default=None, max_length=64)
