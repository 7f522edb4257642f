"""Tables of a customer's relations plan: phase plans and changes, milestones, project
channels.

Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class PhasePlan(TableModel, table=True):
    """The customer relations plan for one phase (000 §2): who is our primary contact, the
    sales representative, the customer's contacts, the formal meeting cadence."""

    __tablename__ = "phase_plan"
    __table_args__ = (UniqueConstraint("customer_id", "phase", name="uq_phase_plan"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    phase: str = Field(max_length=24)
    primary_contact_id: str = Field(default="", max_length=32)
    sales_rep_id: str = Field(default="", max_length=32)
    contact_ids: list = Field(default_factory=list, sa_type=JSON)
    cadence: str = Field(default="none", max_length=16)
    next_meeting_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    adhoc_process: str = Field(default="", max_length=1000)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PhaseChange(TableModel, table=True):
    """A transition between phases, with its handover note. Append-only."""

    __tablename__ = "phase_change"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    actor_id: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    from_phase: str = Field(max_length=24)
    to_phase: str = Field(max_length=24)
    outgoing_contact_id: str = Field(default="", max_length=32)
    incoming_contact_id: str = Field(default="", max_length=32)
    note: str = Field(default="", sa_type=Text)
    reason: str = Field(default="", sa_type=Text)


class Milestone(TableModel, table=True):
    """A scheduled milestone or target date for formal customer contact (000 §3)."""

    __tablename__ = "milestone"
    __table_args__ = (Index("ix_milestone_customer", "customer_id", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    title: str = Field(max_length=300)
    due_at: datetime = Field(sa_type=UTCDateTime)
    tz: str = Field(default="UTC", max_length=64)
    status: str = Field(default="open", max_length=16)  # open | done
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    done_by: str = Field(default="", max_length=32)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    project_id: int | None = Field(default=None, foreign_key="project.id")  # a project's plan
    # a project template's step ("acceptance", "kickoff" …); "" when typed by a person
    kind: str = Field(default="", max_length=16)


class ChannelLink(TableModel, table=True):
    """A project channel of a customer. Unlinking keeps the row (unlinked_at).

    A channel shared with another organization (Slack Connect) gets only what the customer
    may read, unless an admin allowed internal content there for this link."""

    __tablename__ = "channel_link"
    __table_args__ = (Index("ix_channel_link_channel", "team_id", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    channel_id: str = Field(max_length=32)
    linked_by: str = Field(max_length=32)
    linked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    unlinked_by: str = Field(default="", max_length=32)
    unlinked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # as Slack last said (conversations.info at link time, channel_shared/unshared events);
    # True too when Slack could not be asked: internal content stays out until it is known
    shared_externally: bool = Field(default=False)
    shared_checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    internal_allowed_by: str = Field(default="", max_length=32)  # the admin who allowed it
    internal_allowed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
