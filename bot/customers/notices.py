"""Change notices in a customer's project channels (issue 19): status, account manager,
phase, value tier and merges — and, for channels that ask, every new contact record. Each
channel chooses what it hears (`/customer notify`); the defaults suit a project channel.
Phase changes are told at once by the phase form (they carry a handover); the others are
gathered by the reminder sweep and posted in one message per channel, exactly once, through
the delivery ledger (bot/due/notices.py). A channel shared with another organization hears
none of them unless an admin allowed internal content there (the Slack Connect rule)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import Invalid, Message

TOPICS = ("status", "manager", "phase", "value", "records", "merge")
DEFAULTS = {
    "status": True,
    "manager": True,
    "phase": True,
    "value": True,
    "records": False,  # every contact record: busy channels would drown in it
    "merge": True,
}
TOPIC_WORDS = {
    **{topic: topic for topic in TOPICS},
    "状况": "status",
    "状态": "status",
    "客户经理": "manager",
    "经理": "manager",
    "阶段": "phase",
    "价值": "value",
    "记录": "records",
    "联系记录": "records",
    "record": "records",
    "合并": "merge",
    "all": "*",
    "全部": "*",
}
ON_OFF = {"on": True, "开": True, "开启": True, "off": False, "关": False, "关闭": False}
_CHANNEL = re.compile(r"<#([CG][A-Z0-9_]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class NotifyRequest:
    channel: str  # the channel named, or the one the command was typed in
    changes: dict[str, bool]  # empty: only show the settings


def read_notify_text(text: str, *, here: str) -> NotifyRequest:
    """`<#C1|hp> status,manager on`, `records off` (this channel), or nothing (show)."""
    channels = _CHANNEL.findall(text)
    if len(channels) > 1:
        raise Invalid({"text": Message("notify.usage")})
    words = _CHANNEL.sub(" ", text).replace("，", ",").split()
    channel = channels[0] if channels else here
    if not words:
        return NotifyRequest(channel, {})
    if len(words) < 2 or words[-1].lower() not in ON_OFF:
        raise Invalid({"text": Message("notify.usage")})
    enabled = ON_OFF[words[-1].lower()]
    topics: list[str] = []
    for word in ",".join(words[:-1]).split(","):
        if not word.strip():
            continue
        topic = TOPIC_WORDS.get(word.strip().lower())
        if topic is None:
            raise Invalid({"text": Message("notify.unknown_topic", {"word": word.strip()})})
        topics += list(TOPICS) if topic == "*" else [topic]
    if not topics:
        raise Invalid({"text": Message("notify.usage")})
    return NotifyRequest(channel, dict.fromkeys(topics, enabled))


def topics_of(chosen: dict[str, bool]) -> dict[str, bool]:
    """What a channel hears: its choices over the defaults."""
    return {topic: chosen.get(topic, DEFAULTS[topic]) for topic in TOPICS}


def topics_of_event(action: str, changes: dict[str, list[object]]) -> list[str]:
    """Which notice topics a card event is about (none for most)."""
    if action == "merge":
        duplicate = changes.get("duplicate") or [None, None]
        return ["merge"] if duplicate[1] else []  # told on the kept card only
    found = []
    if action in ("status", "edit") and ("status" in changes or "level" in changes):
        found.append("status")
    if action == "edit" and "manager_id" in changes:
        found.append("manager")
    if action == "value" and "value_tier" in changes:
        tier = changes["value_tier"]
        if tier[0] != tier[1]:
            found.append("value")
    return found
