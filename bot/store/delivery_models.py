"""Delivery flows after the contract (issue 21): change requests and each step they took.

A change request (变更申请) belongs to a project of a card (or to the card alone, before any
project exists). Its state is kept on the row for lists and briefs; every step — who took
it, when, and what they said — is a row of its own in `change_step`, so the request's whole
history is kept and nothing is overwritten. Nothing here is deleted: rejected and withdrawn
are states. Every change here comes with an Alembic migration.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class ChangeRequest(TableModel, table=True):
    __tablename__ = "change_request"
    __table_args__ = (
        UniqueConstraint("customer_id", "number", name="uq_change_request_number"),
        Index("ix_change_request_customer", "customer_id", "state"),
        # briefs and reminders: a workspace's open requests, oldest step first
        Index("ix_change_request_open", "team_id", "state", "state_changed_at"),
        Index("uq_change_request_created_from", "created_from", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    number: int  # 1, 2, 3… per customer: "CR-3" is how people name it
    summary: str = Field(max_length=200)
    reason: str = Field(default="", sa_type=Text)
    content: str = Field(default="", sa_type=Text)
    # who asked: a contact of the customer, or a colleague (a Slack user id)
    requested_by_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    requested_by_user: str = Field(default="", max_length=32)
    affected_milestones: list = Field(default_factory=list, sa_type=JSON)  # milestone ids
    owner_id: str = Field(max_length=32)  # who moves it on: the project manager
    state: str = Field(default="requested", max_length=16)
    # the evaluation the customer is asked to confirm (the latest one)
    schedule_days: int | None = Field(default=None)
    cost_minor: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(default="CNY", max_length=3)
    resources: str = Field(default="", sa_type=Text)
    risk: str = Field(default="", max_length=8)
    recommendation: str = Field(default="", max_length=24)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state_changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # what the change adds when confirmed: {"requirement": {list_id, title, priority, criteria}}
    proposed: dict = Field(default_factory=dict, sa_type=JSON)
    # the form submission that made it (bot/customers/cards.submission_key): sent again, refused
    created_from: str | None = Field(default=None, max_length=64)


class ChangeStepTaken(TableModel, table=True):
    """One step of a change request: append-only."""

    __tablename__ = "change_step"
    __table_args__ = (Index("ix_change_step_request", "change_request_id", "taken_at"),)

    id: int | None = Field(default=None, primary_key=True)
    change_request_id: int = Field(foreign_key="change_request.id")
    step: str = Field(max_length=16)  # requested | evaluate | confirm | … (change_flow.py)
    from_state: str = Field(default="", max_length=16)
    to_state: str = Field(max_length=16)
    taken_by: str = Field(max_length=32)  # the Slack user who took it (or recorded it)
    # a customer's answer recorded by a colleague: who confirmed on the customer's side
    on_behalf_of_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    note: str = Field(default="", sa_type=Text)
    details: dict = Field(default_factory=dict, sa_type=JSON)  # the evaluation, as typed
    taken_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RequirementList(TableModel, table=True):
    """A project's requirement list (需求确认, 001): drafted by the team, confirmed by the
    customer, then frozen — later additions go through a change request."""

    __tablename__ = "requirement_list"
    __table_args__ = (Index("ix_requirement_list_customer", "customer_id", "project_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")  # None: the card's
    state: str = Field(default="draft", max_length=16)  # draft | confirmed
    confirmed_by: str = Field(default="", max_length=32)  # who pressed or recorded it
    confirmed_for_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    confirmed_note: str = Field(default="", sa_type=Text)
    confirmed_in: str = Field(default="", max_length=32)  # the shared channel it was answered in
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Requirement(TableModel, table=True):
    """One requirement of a list: append-only once the list is confirmed."""

    __tablename__ = "requirement"
    __table_args__ = (
        UniqueConstraint("list_id", "number", name="uq_requirement_number"),
        Index("ix_requirement_list", "list_id", "number"),
        Index("uq_requirement_created_from", "created_from", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    list_id: int = Field(foreign_key="requirement_list.id")
    number: int  # "R-3" of its list
    title: str = Field(max_length=200)
    priority: str = Field(default="should", max_length=8)  # must | should | could
    criteria: str = Field(default="", sa_type=Text)  # how the customer will accept it
    added_by: str = Field(max_length=32)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # added after the list was confirmed, through this change request (confirmed)
    change_request_id: int | None = Field(default=None, foreign_key="change_request.id")
    # the form submission that made it (bot/customers/cards.submission_key): sent again, refused
    created_from: str | None = Field(default=None, max_length=64)
