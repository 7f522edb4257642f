"""What a customer buys: opportunities, contracts with their receivables, projects and
documents (004: "与客户相关的合同、交易、项目、文档"). Amounts are integer minor units (fen,
cents) with an ISO 4217 currency, never floats. Nothing here is deleted: a lost opportunity,
a cancelled contract or project, a received receivable are states, and documents are removed
by marking them. Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Index, Text, UniqueConstraint, text
from sqlmodel import Field

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow

FORECAST_COLUMNS = (
    "team_id",
    "status",
    "owner_id",
    "stage",
    "close_month",
    "currency",
    "amount_minor",
    "probability",
    "expected_close",
    "customer_id",
    "follow_up_id",
)
# deals without a next step's text: their count by owner (their text is not in the index above)
NO_NEXT_STEP_COLUMNS = (
    "team_id",
    "status",
    "owner_id",
    "stage",
    "close_month",
    "currency",
    "customer_id",
    "follow_up_id",
)


class Opportunity(TableModel, table=True):
    """A sales opportunity (销售机会) on a card, moving through the workspace's pipeline."""

    __tablename__ = "opportunity"
    __table_args__ = (
        # the forecast reads its sums from this index alone (no table row per deal): a
        # workspace's open deals by owner with every column the totals group and add up
        Index("ix_opportunity_forecast", *FORECAST_COLUMNS),
        # deals without a next step (their text is not in the index above), and the overdue
        # list in close-date order, so it stops at the first few
        Index(
            "ix_opportunity_no_next_step",
            *NO_NEXT_STEP_COLUMNS,
            sqlite_where=text("next_step = ''"),
            postgresql_where=text("next_step = ''"),
        ),
        # and their list, the largest first, read in this order until it is full
        Index(
            "ix_opportunity_no_next_step_amount",
            "team_id",
            "status",
            "amount_minor",
            sqlite_where=text("next_step = ''"),
            postgresql_where=text("next_step = ''"),
        ),
        Index("ix_opportunity_close", "team_id", "status", "expected_close"),
        # the deals with a follow-up, whose follow-up the kept totals cannot follow
        Index(
            "ix_opportunity_follow_up",
            "team_id",
            "status",
            "follow_up_id",
            sqlite_where=text("follow_up_id IS NOT NULL"),
            postgresql_where=text("follow_up_id IS NOT NULL"),
        ),
        Index("ix_opportunity_customer", "customer_id", "status"),
        Index("ix_opportunity_stale", "status", "stage_changed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    name: str = Field(max_length=200)
    amount_minor: int | None = Field(default=None, sa_type=BigInteger)  # None: not known yet
    currency: str = Field(default="CNY", max_length=3)
    stage: str = Field(max_length=32)
    probability: int = Field(default=0)  # per cent, by stage unless set by hand
    expected_close: date | None = Field(default=None)
    close_month: int | None = Field(default=None)  # 202612: the forecast groups by it
    owner_id: str = Field(max_length=32)
    next_step: str = Field(default="", sa_type=Text)
    next_step_due: datetime | None = Field(default=None, sa_type=UTCDateTime)
    follow_up_id: int | None = Field(default=None, foreign_key="follow_up.id")
    loss_reason: str = Field(default="", max_length=500)
    status: str = Field(default="open", max_length=8)  # open | won | lost
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    stage_changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Contract(TableModel, table=True):
    """A signed contract (合同): entered once signed, so management sees sales and receivables."""

    __tablename__ = "contract"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_contract_number"),
        Index("ix_contract_customer", "customer_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    number: str = Field(max_length=64)
    title: str = Field(max_length=200)
    signed_on: date
    starts_on: date | None = Field(default=None)
    ends_on: date | None = Field(default=None)
    amount_minor: int = Field(sa_type=BigInteger)
    currency: str = Field(default="CNY", max_length=3)
    status: str = Field(default="signed", max_length=16)  # signed | cancelled
    cancel_reason: str = Field(default="", max_length=500)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Receivable(TableModel, table=True):
    """A payment milestone of a contract (应收): due on a day, an amount, when received."""

    __tablename__ = "receivable"
    __table_args__ = (
        Index("ix_receivable_due", "status", "due_on"),
        Index("ix_receivable_contract", "contract_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    contract_id: int = Field(foreign_key="contract.id")
    title: str = Field(default="", max_length=200)
    due_on: date
    amount_minor: int = Field(sa_type=BigInteger)
    received_on: date | None = Field(default=None)
    received_by: str = Field(default="", max_length=32)
    status: str = Field(default="open", max_length=16)  # open | received | cancelled
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Project(TableModel, table=True):
    """A project (项目): every signed order has one, with a project manager, members, dates,
    its own phase of the relations plan, milestones and a project channel."""

    __tablename__ = "project"
    __table_args__ = (
        Index("ix_project_customer", "customer_id", "status"),
        Index("ix_project_channel", "team_id", "channel_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    contract_id: int | None = Field(default=None, foreign_key="contract.id")
    name: str = Field(max_length=200)
    manager_id: str = Field(max_length=32)  # the project manager
    members: list = Field(default_factory=list, sa_type=JSON)  # Slack user ids
    starts_on: date
    ends_on: date  # the planned end
    phase: str = Field(default="post_contract", max_length=24)
    status: str = Field(default="active", max_length=16)  # active | closed | cancelled
    channel_id: str = Field(default="", max_length=32)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Document(TableModel, table=True):
    """A document given to or about a customer (文档), linked to its card and, when it
    belongs to one, to a contract or a project. Seen by whoever sees the card."""

    __tablename__ = "document"
    __table_args__ = (
        Index("ix_document_customer", "customer_id", "added_at"),
        Index("uq_document_created_from", "created_from", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id")
    contract_id: int | None = Field(default=None, foreign_key="contract.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    kind: str = Field(max_length=8)  # url | file | message
    title: str = Field(max_length=300)
    url: str = Field(max_length=1000)
    file_id: str = Field(default="", max_length=32)
    source_channel: str = Field(default="", max_length=32)
    source_ts: str = Field(default="", max_length=32)
    added_by: str = Field(max_length=32)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed_by: str = Field(default="", max_length=32)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # the form submission that made it (bot/customers/cards.submission_key): the first of them
    created_from: str | None = Field(default=None, max_length=64)


class SalesDraft(TableModel, table=True):
    """A one-line deal held back until its author confirms (a close date in the past)."""

    __tablename__ = "sales_draft"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    author_id: str = Field(max_length=32)
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ForecastTotal(TableModel, table=True):
    """The open deals on live cards of one owner, stage, month of expected close and currency,
    added up: kept in the transaction of every change that moves a deal in or out of a bucket
    (bot/store/forecast_totals.py), so the forecast reads a few rows instead of every deal."""

    __tablename__ = "forecast_total"

    team_id: str = Field(primary_key=True, max_length=32)
    owner_id: str = Field(primary_key=True, max_length=32)
    stage: str = Field(primary_key=True, max_length=32)
    close_month: int = Field(primary_key=True)  # 0: no close date (a key cannot be NULL)
    currency: str = Field(primary_key=True, max_length=3)
    deals: int = Field(default=0)
    amount: int = Field(default=0, sa_type=BigInteger)  # minor units; no amount counts as 0
    weighted: int = Field(default=0, sa_type=BigInteger)  # minor units × per cent
    without_text: int = Field(default=0)  # deals whose next step has no text
