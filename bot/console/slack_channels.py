"""Slack's conversations methods, for SlackDouble: channels joined, shared with another
organization, their members, and the DM a user gets."""

from __future__ import annotations

from typing import Any


class ChannelsStandIn:
    """conversations.join, conversations.info, conversations.open and users.conversations;
    needs `joined`, `shared_channels` and `members` (SlackDouble's)."""

    joined: set[str]
    shared_channels: set[str]
    members: dict[str, set[str]]

    def _m_users_conversations(self, args: dict[str, Any]) -> dict[str, Any]:
        user = str(args.get("user", ""))
        channels = [{"id": c} for c, members in sorted(self.members.items()) if user in members]
        return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}

    def _m_conversations_join(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        self.joined.add(channel)
        return {"ok": True, "channel": {"id": channel}}

    def _m_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        shared = channel in self.shared_channels
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "is_channel": True,
                "is_shared": shared,
                "is_ext_shared": shared,
                "is_pending_ext_shared": False,
            },
        }

    def _m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": "D_" + str(args.get("users", "")).split(",")[0]}}
