"""SQLModel tables: the cards' own here, the others by area in bot/store/*_tables.py,
imported here so that `from bot.store.models import X` finds every table and Alembic's
metadata holds them all. Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, UniqueConstraint
from sqlmodel import Field

from bot.store.delivery_tables import Delivery, Schedule
from bot.store.plan_tables import ChannelLink, Milestone, PhaseChange, PhasePlan
from bot.store.record_tables import ContactRecord, FollowUp, PendingLog, ServiceRequest
from bot.store.request_tables import FormSubmission, ProcessedEvent, VerifiedRequest
from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, kept_submission_index, utcnow

# Prefix search compares bytes: PostgreSQL's "C" collation, SQLite's default BINARY.
TERM_TYPE = String(200).with_variant(String(200, collation="C"), "postgresql")


class SlackProfile(TableModel, table=True):
    """What Slack told us about a person (users.info), kept so that jobs and
    replies know the person's language and time zone without asking again."""

    __tablename__ = "slack_profile"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    display_name: str = Field(default="", max_length=255)
    locale: str | None = Field(default=None, max_length=16)
    tz: str | None = Field(default=None, max_length=64)
    is_admin: bool = Field(default=False)
    fetched_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Customer(TableModel, table=True):
    """A customer card (客户卡片). Never deleted: archived_at marks an archive."""

    __tablename__ = "customer"
    __table_args__ = (
        UniqueConstraint("team_id", "handle_key", name="uq_customer_handle"),
        # One card per company name unless someone confirmed "a different company".
        UniqueConstraint("team_id", "identity_key", name="uq_customer_identity"),
        UniqueConstraint("team_id", "created_from", name="uq_customer_created_from"),
        # the sweep's walk through the cards older rules made, in this order (index_refresh)
        Index("ix_customer_index_rules", "index_rules", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    handle: str = Field(max_length=32)  # the short name as written (HP, Jinke)
    handle_key: str = Field(max_length=32)  # lower case, for case-insensitive look-up
    legal_name: str = Field(max_length=200)
    address: str = Field(default="", max_length=300)
    province: str = Field(default="", max_length=50)
    city: str = Field(default="", max_length=50)
    county: str = Field(default="", max_length=50)
    phone_e164: str = Field(default="", max_length=20)
    phone_ext: str = Field(default="", max_length=8)
    email: str = Field(default="", max_length=254)
    website: str = Field(default="", max_length=300)
    notes: str = Field(default="", max_length=3000)
    status: str = Field(default="basic", max_length=16)
    level: int = Field(default=1)
    manager_id: str = Field(max_length=32)
    security_level: int = Field(default=0)
    credit_code: str = Field(default="", max_length=18)  # 统一社会信用代码, validated, or ""
    phase: str = Field(default="pre_contract", max_length=24)
    identity_key: str | None = Field(default=None, max_length=200)
    created_from: str | None = Field(default=None, max_length=64)  # cards.submission_key
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)
    # the latest contact record's time, kept here so the stale-customer check is one index scan
    last_contact_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    merged_into: int | None = Field(default=None, foreign_key="customer.id")
    value_score: int | None = Field(default=None)  # 客户价值评估: 4–20
    value_tier: str = Field(default="", max_length=1)  # A core, B, C
    value_factors: dict = Field(default_factory=dict, sa_type=JSON)
    # the version of the rules its match keys and search terms were made by (keys.INDEX_RULES);
    # 0: written before the version was kept
    index_rules: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Contact(TableModel, table=True):
    """A person at the customer (联系人). Removing one archives it."""

    __tablename__ = "contact"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    salutation: str = Field(default="", max_length=16)
    name: str = Field(max_length=100)
    title: str = Field(default="", max_length=100)
    office_phone_e164: str = Field(default="", max_length=20)
    office_phone_ext: str = Field(default="", max_length=8)
    home_phone_e164: str = Field(default="", max_length=20)
    mobile_e164: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=254)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CustomerKey(TableModel, table=True):
    """Match keys of a card (name core, pinyin, domain, phone …), computed when it is saved,
    so the duplicate check is a handful of index look-ups, never a scan."""

    __tablename__ = "customer_key"
    __table_args__ = (Index("ix_customer_key_lookup", "team_id", "kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=16)
    key: str = Field(max_length=200)


class CustomerKeyWrites(TableModel, table=True):
    """One row counting the changes to what the duplicate check reads of existing cards —
    their match keys, legal names, short names and credit codes — kept by SQLite triggers
    (migration 0028). An import that looked its rows' keys up without the write lock
    looks again under it only if the count moved (bot/store/key_writes.py). Not kept on
    PostgreSQL: one counted row would make every workspace's card writes wait on each
    other there; the import always looks again."""

    __tablename__ = "customer_key_writes"

    id: int | None = Field(default=None, primary_key=True)
    writes: int = Field(default=0)


class CustomerTerm(TableModel, table=True):
    """Search terms of a card for /customer find: a prefix look-up on (team, term). The
    card's manager is copied here, and kept in the index after the term, so that a person's
    own terms of a crowded prefix are told from the index alone, not by looking each term's
    card up (migration 0029, whose trigger keeps the copy when a card changes hands). The
    weight and the card follow it in the index: a find reads its terms from the index alone
    (migration 0033)."""

    __tablename__ = "customer_term"
    __table_args__ = (
        Index("ix_customer_term_prefix", "team_id", "term", "manager_id", "weight", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    manager_id: str = Field(default="", max_length=32, sa_column_kwargs={"server_default": ""})
    term: str = Field(max_length=200, sa_type=TERM_TYPE)
    weight: int = Field(default=1)


class CustomerEvent(TableModel, table=True):
    """The card's history: who changed what, when, from what to what. Append-only."""

    __tablename__ = "customer_event"
    __table_args__ = (kept_submission_index("customer_event"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    actor_id: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    action: str = Field(max_length=32)
    source: str = Field(default="slack", max_length=16)
    changes: dict = Field(default_factory=dict, sa_type=JSON)
    # the form submission whose save wrote this line first (bot/store/submissions.py)
    created_from: str | None = Field(default=None, max_length=64)


class WorkspaceSetting(TableModel, table=True):
    """Per-workspace settings an admin may change (stale thresholds, visibility …)."""

    __tablename__ = "workspace_setting"

    team_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=64)
    value: dict = Field(default_factory=dict, sa_type=JSON)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TeamMember(TableModel, table=True):
    """Who reports to whom, and how far one may read (clearance), set by admins."""

    __tablename__ = "team_member"
    # whom a person supervises, read down the tree a level at a time (migration 0031)
    __table_args__ = (Index("ix_team_member_supervisor", "team_id", "supervisor_id"),)

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    supervisor_id: str | None = Field(default=None, max_length=32)
    clearance: int = Field(default=0)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CardShare(TableModel, table=True):
    """A card shared with a person or a channel. Unsharing keeps the row (revoked_at)."""

    __tablename__ = "card_share"
    __table_args__ = (Index("ix_card_share_target", "team_id", "kind", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=8)  # user | channel
    target: str = Field(max_length=32)
    shared_by: str = Field(max_length=32)
    shared_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_by: str = Field(default="", max_length=32)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Merge(TableModel, table=True):
    """Two cards of one customer made one (客户合并): what moved, so an admin can undo it."""

    __tablename__ = "merge"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    duplicate_id: int = Field(foreign_key="customer.id", index=True)
    kept_id: int = Field(foreign_key="customer.id")
    moved: dict = Field(default_factory=dict, sa_type=JSON)  # table → ids moved
    merged_by: str = Field(max_length=32)
    merged_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    undone_by: str = Field(default="", max_length=32)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# The installation tables and Workspace, and the manager's tables, live in modules of their
# own; importing them here puts them on the same metadata as every other table (Alembic, the
# schema test).
import bot.store.tally_tables  # noqa: E402  (the workspace's cards counted ahead)
import bot.store.team_models  # noqa: E402, F401

# Delivery flows after the contract (change requests): their own module.
from bot.store.delivery_models import (  # noqa: E402
    ChangeRequest,
    ChangeStepTaken,
    Requirement,
    RequirementList,
)
from bot.store.installations import Workspace  # noqa: E402

# The relationship maintenance plan (activities, notes, reviews): its own module.
from bot.store.maintenance_models import (  # noqa: E402
    MaintenancePlan,
    PlanActivity,
    PlanNote,
    PlanReview,
)

# What the customer buys (opportunities, contracts, projects, documents): their own module.
from bot.store.sales_models import (  # noqa: E402
    Contract,
    Document,
    ForecastTotal,
    Opportunity,
    Project,
    Receivable,
    SalesDraft,
)
from bot.store.survey_models import Acceptance, FeedbackItem, Survey  # noqa: E402

__all__ = [
    "TERM_TYPE",
    "Acceptance",
    "CardShare",
    "ChangeRequest",
    "ChangeStepTaken",
    "ChannelLink",
    "Contact",
    "ContactRecord",
    "Contract",
    "Customer",
    "CustomerEvent",
    "CustomerKey",
    "CustomerTerm",
    "Delivery",
    "Document",
    "FeedbackItem",
    "FollowUp",
    "ForecastTotal",
    "FormSubmission",
    "MaintenancePlan",
    "Merge",
    "Milestone",
    "Opportunity",
    "PendingLog",
    "PhaseChange",
    "PhasePlan",
    "PlanActivity",
    "PlanNote",
    "PlanReview",
    "ProcessedEvent",
    "Project",
    "Receivable",
    "Requirement",
    "RequirementList",
    "SalesDraft",
    "Schedule",
    "ServiceRequest",
    "SlackProfile",
    "Survey",
    "TeamMember",
    "VerifiedRequest",
    "Workspace",
    "WorkspaceSetting",
]
