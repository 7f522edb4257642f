"""Slack's conversations methods, for SlackDouble: channels joined, shared with another
organization, their members, and the DM a user gets."""

from __future__ import annotations

from typing import Any

from bot.console.slack_oauth import BOT_USER


class ChannelsStandIn:
    """conversations.join, conversations.info, conversations.create, conversations.invite,
    conversations.open and users.conversations; needs `joined`, `shared_channels`, `members`,
    `channel_names` and `_ids` (SlackDouble's)."""

    joined: set[str]
    shared_channels: set[str]
    members: dict[str, set[str]]
    channel_names: dict[str, str]
    _ids: Any

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

    def _m_conversations_create(self, args: dict[str, Any]) -> dict[str, Any]:
        name = str(args.get("name", ""))
        if name in self.channel_names.values():
            return {"ok": False, "error": "name_taken"}
        channel = f"C_NEW{next(self._ids)}"
        self.channel_names[channel] = name
        self.members[channel] = {BOT_USER}
        self.joined.add(channel)
        private = str(args.get("is_private", "")).lower() in ("true", "1")
        return {"ok": True, "channel": {"id": channel, "name": name, "is_private": private}}

    def _m_conversations_invite(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        users = [u for u in str(args.get("users", "")).split(",") if u]
        if channel not in self.members and channel not in self.joined:
            return {"ok": False, "error": "not_in_channel"}
        self.members.setdefault(channel, set()).update(users)
        return {"ok": True, "channel": {"id": channel}}

    def _m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": "D_" + str(args.get("users", "")).split(",")[0]}}
