"""The people of SlackDouble's workspaces, and Slack's users.info about them."""

from __future__ import annotations

from typing import Any

from bot.console.slack_oauth import TEAM


class UsersStandIn:
    """add_user for the set-up, users.info for Rapport; needs `users` (SlackDouble's)."""

    users: dict[str, dict[str, Any]]

    def add_user(
        self,
        user_id: str,
        *,
        name: str = "",
        locale: str = "en-US",
        tz: str = "UTC",
        is_admin: bool = False,
        is_bot: bool = False,
        team: str = TEAM,
    ) -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": team,
            "name": name or user_id.lower(),
            "real_name": name or user_id,
            "tz": tz,
            "locale": locale,
            "is_admin": is_admin,
            "is_owner": False,
            "is_bot": is_bot,
            "profile": {"display_name": name or user_id, "real_name": name or user_id},
        }

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(args.get("user", ""))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
