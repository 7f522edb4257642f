"""Tables of contact records (客户联系): the records, their follow-ups, and a /log held
back for a question.

Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Text
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, kept_submission_index, utcnow


class ContactRecord(TableModel, table=True):
    """One contact with a customer (客户联系): what happened and what comes next, with its
    postmark (who, when, from where). Append-only: an edit is a new row that supersedes."""

    __tablename__ = "contact_record"
    __table_args__ = (
        # a card's records in time order, with what the statistics' trend checks of each, so
        # that a team's weeks are counted card by card from the index alone (0025)
        Index(
            "ix_contact_record_timeline", "customer_id", "created_at", "superseded", "retracted_at"
        ),
        # a workspace's records of a span, with what the statistics' trend reads (0024)
        Index(
            "ix_contact_record_span",
            "team_id",
            "created_at",
            "superseded",
            "retracted_at",
            "customer_id",
        ),
        kept_submission_index("contact_record"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    author_id: str = Field(max_length=32)
    kind: str = Field(default="note", max_length=16)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    summary: str = Field(sa_type=Text)
    next_step: str = Field(default="", sa_type=Text)
    source: str = Field(default="command", max_length=16)  # command | modal | message
    source_channel: str = Field(default="", max_length=32)
    source_ts: str = Field(default="", max_length=32)
    source_author_id: str = Field(default="", max_length=32)
    source_permalink: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    supersedes_id: int | None = Field(default=None, foreign_key="contact_record.id")
    superseded: bool = Field(default=False)
    retracted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    retracted_by: str = Field(default="", max_length=32)
    # the form submission whose save wrote this record (bot/store/submissions.py)
    created_from: str | None = Field(default=None, max_length=64)


class FollowUp(TableModel, table=True):
    """A next step with a due moment, owned by the record's author until done."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_due", "status", "due_at"),
        Index("ix_follow_up_customer", "customer_id", "status"),
        # a workspace's overdue follow-ups with their card and owner (0024)
        Index("ix_follow_up_overdue", "team_id", "status", "due_at", "customer_id", "owner_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    record_id: int = Field(foreign_key="contact_record.id")
    owner_id: str = Field(max_length=32)
    title: str = Field(sa_type=Text)
    due_at: datetime = Field(sa_type=UTCDateTime)
    tz: str = Field(default="UTC", max_length=64)  # the owner's zone when it was set
    status: str = Field(default="open", max_length=16)  # open | done | cancelled
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # the due_at a reminder was claimed for: a snooze or a new time makes it due again
    reminded_for: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # when that reminder was claimed: the overdue digest of that day leaves the item out
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PendingLog(TableModel, table=True):
    """A /log held back until its author answers a question (a date in the past …)."""

    __tablename__ = "pending_log"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    author_id: str = Field(max_length=32)
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ServiceRequest(TableModel, table=True):
    """A customer's request or complaint (快速响应, 001) logged as a contact record: its
    targets (by the customer's value tier when it came in), first response and resolution,
    each with who and when. Never deleted; an undone record withdraws it."""

    __tablename__ = "service_request"
    __table_args__ = (
        Index("ix_service_request_open", "team_id", "resolved_at", "respond_by"),
        Index("ix_service_request_customer", "customer_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    record_id: int = Field(foreign_key="contact_record.id")
    kind: str = Field(max_length=16)  # request | complaint
    tier: str = Field(default="", max_length=1)  # the value tier it was taken at
    owner_id: str = Field(max_length=32)  # who logged it: they respond
    respond_by: datetime = Field(sa_type=UTCDateTime)
    resolve_by: datetime = Field(sa_type=UTCDateTime)
    first_response_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    first_response_by: str = Field(default="", max_length=32)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_by: str = Field(default="", max_length=32)
    resolution: str = Field(default="", sa_type=Text)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
