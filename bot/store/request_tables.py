"""Tables that make a request from Slack count once: events handled, requests verified,
forms saved.

Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow


class ProcessedEvent(TableModel, table=True):
    """Events API deliveries already handled: Slack retries (X-Slack-Retry-Num) run once."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(default="", max_length=32)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class VerifiedRequest(TableModel, table=True):
    """The replay ledger: each Slack request taken over HTTP, by exactly what was verified
    (its timestamp and signature). A second use within Slack's five minutes is a replay,
    whichever replica it is sent to."""

    __tablename__ = "verified_request"

    request_timestamp: int = Field(sa_type=BigInteger, primary_key=True)
    signature: str = Field(primary_key=True, max_length=80)


class FormSubmission(TableModel, table=True):
    """Each form submission saved, by who sent which form in which view: Slack sends a
    submission again, with the same view id, when it had no answer in time, and a second
    one must save nothing (the card form keeps its own key, Customer.created_from)."""

    __tablename__ = "form_submission"

    team_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=64)  # bot/customers/cards.submission_key
    saved_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
