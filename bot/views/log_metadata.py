"""What the contact-record modals carry in `private_metadata`, typed: each modal writes its
dataclass with `to_metadata()` and its listener reads it back with `read_…_metadata(view)`,
so no listener reads a bare key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

CHANNEL = "channel"  # where the form was opened: the answer goes there (or by DM)
FROM_HOME = "from_home"  # opened from the Home tab: saving it refreshes the tab
PENDING_ID = "pending_id"  # the Slack message held since the shortcut
RECORD_ID = "record_id"
FOLLOW_UP_ID = "follow_up_id"

View = dict[str, Any]


@dataclass(frozen=True)
class LogMetadata:
    """The /log form."""

    channel: str | None = None
    from_home: bool = False

    def to_metadata(self) -> dict[str, object]:
        return {CHANNEL: self.channel, FROM_HOME: self.from_home}


@dataclass(frozen=True)
class MessageMetadata:
    """The "Log to customer" form of a saved message."""

    pending_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {CHANNEL: self.channel, PENDING_ID: self.pending_id}


@dataclass(frozen=True)
class RecordMetadata:
    """The edit-record form."""

    record_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {CHANNEL: self.channel, RECORD_ID: self.record_id}


@dataclass(frozen=True)
class FollowUpMetadata:
    """The follow-up time form."""

    follow_up_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {CHANNEL: self.channel, FOLLOW_UP_ID: self.follow_up_id}


def read_log_metadata(view: View) -> LogMetadata:
    found = _metadata(view)
    return LogMetadata(channel=_channel(found), from_home=bool(found.get(FROM_HOME)))


def read_message_metadata(view: View) -> MessageMetadata:
    found = _metadata(view)
    return MessageMetadata(pending_id=int(found[PENDING_ID]), channel=_channel(found))


def read_record_metadata(view: View) -> RecordMetadata:
    found = _metadata(view)
    return RecordMetadata(record_id=int(found[RECORD_ID]), channel=_channel(found))


def read_follow_up_metadata(view: View) -> FollowUpMetadata:
    found = _metadata(view)
    return FollowUpMetadata(follow_up_id=int(found[FOLLOW_UP_ID]), channel=_channel(found))


def _metadata(view: View) -> dict[str, Any]:
    try:
        found = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _channel(found: dict[str, Any]) -> str | None:
    channel = found.get(CHANNEL)
    return channel if isinstance(channel, str) and channel else None
