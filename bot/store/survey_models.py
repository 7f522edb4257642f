"""Acceptance and satisfaction (issue 21, 001 验收 / 满意度调查 / 闭环): who accepted a
project and when, the satisfaction survey that follows, and the feedback items a low score
opens until the resolution is reported back to the customer.

An acceptance is kept once per milestone and never changed. A survey is asked of the project
manager when the acceptance is recorded and answered once — by the PM after a call (naming the
contact who answered) or by one of the customer's own people in a shared channel. A feedback
item keeps its closing (what was done, how and when it was reported back) on its own row: it
is closed once and nothing is deleted. Every change here comes with an Alembic migration.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class Acceptance(TableModel, table=True):
    __tablename__ = "acceptance"
    __table_args__ = (UniqueConstraint("milestone_id", name="uq_acceptance_milestone"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id")
    milestone_id: int = Field(foreign_key="milestone.id")
    accepted_by: str = Field(max_length=32)  # the colleague who marked it done
    # who accepted on the customer's side, when named
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    note: str = Field(default="", sa_type=Text)
    accepted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Survey(TableModel, table=True):
    """One satisfaction survey: asked → (sent to the customer) → answered."""

    __tablename__ = "survey"
    __table_args__ = (Index("ix_survey_customer", "customer_id", "state", "answered_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    acceptance_id: int | None = Field(default=None, foreign_key="acceptance.id")
    asked_of: str = Field(max_length=32)  # the project manager who runs it
    state: str = Field(default="asked", max_length=16)  # asked | sent | answered
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_to_channel: str = Field(default="", max_length=32)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    quality: int | None = Field(default=None)
    responsiveness: int | None = Field(default=None)
    communication: int | None = Field(default=None)
    overall: int | None = Field(default=None)
    comment: str = Field(default="", sa_type=Text)
    # who answered: a contact named by the PM, or one of the customer's people (Slack user of
    # another workspace) in the shared channel; recorded_by is the Slack user who submitted
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    answered_by_user: str = Field(default="", max_length=32)
    answered_by_team: str = Field(default="", max_length=32)
    recorded_by: str = Field(default="", max_length=32)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class FeedbackItem(TableModel, table=True):
    """A low score followed up until the customer is told what was done (001 闭环)."""

    __tablename__ = "feedback_item"
    __table_args__ = (Index("ix_feedback_item_open", "team_id", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    survey_id: int = Field(foreign_key="survey.id")
    questions: str = Field(max_length=64)  # the low ones, comma-separated: "quality,overall"
    score: int  # the lowest of them
    owner_id: str = Field(max_length=32)  # the card's manager
    due_at: datetime = Field(sa_type=UTCDateTime)
    state: str = Field(default="open", max_length=8)  # open | closed
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    resolution: str = Field(default="", sa_type=Text)  # what was done
    reported_back: str = Field(default="", sa_type=Text)  # how and when the customer was told
    closed_by: str = Field(default="", max_length=32)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
