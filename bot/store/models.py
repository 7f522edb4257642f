"""SQLModel tables. Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.store.types import UTCDateTime, utcnow

# Prefix search compares bytes: PostgreSQL's "C" collation, SQLite's default BINARY.
TERM_TYPE = String(200).with_variant(String(200, collation="C"), "postgresql")


class SlackProfile(SQLModel, table=True):
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


class Customer(SQLModel, table=True):
    """A customer card (客户卡片). Never deleted: archived_at marks an archive."""

    __tablename__ = "customer"
    __table_args__ = (
        UniqueConstraint("team_id", "handle_key", name="uq_customer_handle"),
        # One card per company name unless someone confirmed "a different company".
        UniqueConstraint("team_id", "identity_key", name="uq_customer_identity"),
        UniqueConstraint("team_id", "created_from", name="uq_customer_created_from"),
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


class Contact(SQLModel, table=True):
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


class CustomerKey(SQLModel, table=True):
    """Match keys of a card (name core, pinyin, domain, phone …), computed when it is saved,
    so the duplicate check is a handful of index look-ups, never a scan."""

    __tablename__ = "customer_key"
    __table_args__ = (Index("ix_customer_key_lookup", "team_id", "kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=16)
    key: str = Field(max_length=200)


class CustomerTerm(SQLModel, table=True):
    """Search terms of a card for /customer find: a prefix look-up on (team, term)."""

    __tablename__ = "customer_term"
    __table_args__ = (Index("ix_customer_term_prefix", "team_id", "term"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    term: str = Field(max_length=200, sa_type=TERM_TYPE)
    weight: int = Field(default=1)


class CustomerEvent(SQLModel, table=True):
    """The card's history: who changed what, when, from what to what. Append-only."""

    __tablename__ = "customer_event"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    actor_id: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    action: str = Field(max_length=32)
    source: str = Field(default="slack", max_length=16)
    changes: dict = Field(default_factory=dict, sa_type=JSON)


class ContactRecord(SQLModel, table=True):
    """One contact with a customer (客户联系): what happened and what comes next, with its
    postmark (who, when, from where). Append-only: an edit is a new row that supersedes."""

    __tablename__ = "contact_record"
    __table_args__ = (Index("ix_contact_record_timeline", "customer_id", "created_at"),)

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


class FollowUp(SQLModel, table=True):
    """A next step with a due moment, owned by the record's author until done."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_due", "status", "due_at"),
        Index("ix_follow_up_customer", "customer_id", "status"),
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


class PendingLog(SQLModel, table=True):
    """A /log held back until its author answers a question (a date in the past …)."""

    __tablename__ = "pending_log"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    author_id: str = Field(max_length=32)
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PhasePlan(SQLModel, table=True):
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


class PhaseChange(SQLModel, table=True):
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


class Milestone(SQLModel, table=True):
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


class ChannelLink(SQLModel, table=True):
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


class Delivery(SQLModel, table=True):
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


class Schedule(SQLModel, table=True):
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


class WorkspaceSetting(SQLModel, table=True):
    """Per-workspace settings an admin may change (stale thresholds, visibility …)."""

    __tablename__ = "workspace_setting"

    team_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=64)
    value: dict = Field(default_factory=dict, sa_type=JSON)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TeamMember(SQLModel, table=True):
    """Who reports to whom, and how far one may read (clearance), set by admins."""

    __tablename__ = "team_member"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    supervisor_id: str | None = Field(default=None, max_length=32)
    clearance: int = Field(default=0)
    updated_by: str = Field(default="", max_length=32)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CardShare(SQLModel, table=True):
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


class Merge(SQLModel, table=True):
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


class ProcessedEvent(SQLModel, table=True):
    """Events API deliveries already handled: Slack retries (X-Slack-Retry-Num) run once."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(default="", max_length=32)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class VerifiedRequest(SQLModel, table=True):
    """The replay ledger: each Slack request taken over HTTP, by exactly what was verified
    (its timestamp and signature). A second use within Slack's five minutes is a replay,
    whichever replica it is sent to."""

    __tablename__ = "verified_request"

    request_timestamp: int = Field(sa_type=BigInteger, primary_key=True)
    signature: str = Field(primary_key=True, max_length=80)


class FormSubmission(SQLModel, table=True):
    """Each form submission saved, by who sent which form in which view: Slack sends a
    submission again, with the same view id, when it had no answer in time, and a second
    one must save nothing (the card form keeps its own key, Customer.created_from)."""

    __tablename__ = "form_submission"

    team_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=64)  # bot/customers/cards.submission_key
    saved_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


# The installation tables and Workspace, and the manager's tables, live in modules of their
# own; importing them here puts them on the same metadata as every other table (Alembic, the
# schema test).
import bot.store.team_models  # noqa: E402, F401
from bot.store.installations import Workspace  # noqa: E402, F401
