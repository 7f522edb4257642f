"""Rows of the tables the scheduled jobs read: cards, people, records, follow-ups, plans.

Names come from the customer generator (bench/data.py), so briefs and reminders carry the
same mix of Chinese and English company names as the customer benchmarks.
"""

from __future__ import annotations

from datetime import datetime

from bench.bulk import Row
from bench.data import card
from bench.rows import CREATED_BY, TEAM_ID, unique_handle

CUSTOMER = (
    "id", "team_id", "handle", "handle_key", "legal_name", "address", "province", "city",
    "county", "phone_e164", "phone_ext", "email", "website", "notes", "status", "level",
    "manager_id", "security_level", "phase", "created_by", "created_at", "updated_by",
    "updated_at", "version", "last_contact_at",
)  # fmt: skip
PROFILE = ("team_id", "user_id", "display_name", "locale", "tz", "is_admin", "fetched_at")
RECORD = (
    "id", "team_id", "customer_id", "author_id", "kind", "summary", "next_step", "source",
    "source_channel", "source_ts", "source_author_id", "source_permalink", "created_at",
    "superseded", "retracted_by",
)  # fmt: skip
FOLLOW_UP = (
    "id", "team_id", "customer_id", "record_id", "owner_id", "title", "due_at", "tz",
    "status", "created_at", "updated_at",
)  # fmt: skip
LINK = ("id", "team_id", "customer_id", "channel_id", "linked_by", "linked_at", "unlinked_by")
MILESTONE = (
    "id", "team_id", "customer_id", "title", "due_at", "tz", "status", "created_by",
    "created_at", "done_by",
)  # fmt: skip
PLAN = (
    "id", "team_id", "customer_id", "phase", "primary_contact_id", "sales_rep_id",
    "contact_ids", "cadence", "adhoc_process", "updated_by", "updated_at",
)  # fmt: skip
CHANGE = (
    "id", "team_id", "customer_id", "actor_id", "at", "from_phase", "to_phase",
    "outgoing_contact_id", "incoming_contact_id", "note", "reason",
)  # fmt: skip
KINDS = ("call", "meeting", "visit", "email", "note")
SUMMARIES = (
    "给张总打电话，确认下周的方案评审时间",
    "Called Li about the renewal; they want a revised quote",
    "现场拜访，调研机房与网络环境，客户关注交付周期",
    "Sent the proposal and the pricing sheet to procurement",
    "微信沟通合同条款，法务还在审核",
)
STEPS = ("发方案", "send the revised quote", "约下周二会议", "", "follow up with procurement")


def customer(index: int, *, seed: int, manager: str, at: datetime, last: datetime | None) -> Row:
    """Card `index` (id index + 1) of the generator, managed by `manager`."""
    name = card(seed, index).legal_name
    handle = unique_handle(name, index + 1)
    return (
        index + 1, TEAM_ID, handle, handle.lower(), name, "", "", "", "", "", "", "", "", "",
        "basic", 1, manager, 0, "pre_contract", CREATED_BY, at, "", at, 1, last,
    )  # fmt: skip


def profile(user_id: str, *, locale: str, tz: str, at: datetime) -> Row:
    return (TEAM_ID, user_id, user_id, locale, tz, False, at)


def record(record_id: int, customer_id: int, *, author: str, at: datetime) -> Row:
    n = record_id % len(SUMMARIES)
    return (
        record_id, TEAM_ID, customer_id, author, KINDS[record_id % len(KINDS)], SUMMARIES[n],
        STEPS[n], "command", "", "", "", "", at, False, "",
    )  # fmt: skip


def follow_up(
    follow_up_id: int, customer_id: int, record_id: int, *, owner: str, due: datetime, tz: str
) -> Row:
    title = STEPS[follow_up_id % len(STEPS)] or "call back"
    return (
        follow_up_id, TEAM_ID, customer_id, record_id, owner, title, due, tz, "open", due, due,
    )  # fmt: skip


def link(link_id: int, customer_id: int, channel: str, *, by: str, at: datetime) -> Row:
    return (link_id, TEAM_ID, customer_id, channel, by, at, "")


def milestone(milestone_id: int, customer_id: int, *, due: datetime, at: datetime) -> Row:
    return (
        milestone_id, TEAM_ID, customer_id, "上线验收 go-live acceptance", due, "Asia/Shanghai",
        "open", CREATED_BY, at, "",
    )  # fmt: skip


def plan(plan_id: int, customer_id: int, *, primary: str, at: datetime) -> Row:
    return (
        plan_id, TEAM_ID, customer_id, "pre_contract", primary, "", "[]", "none", "",
        CREATED_BY, at,
    )  # fmt: skip


def change(change_id: int, customer_id: int, *, actor: str, at: datetime) -> Row:
    return (
        change_id, TEAM_ID, customer_id, actor, at, "pre_contract", "post_contract", "", "",
        "signed", "",
    )  # fmt: skip
