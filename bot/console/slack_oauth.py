"""The stand-in's OAuth, as Slack's: workspaces that may install the app, the install screen's
one-time codes, oauth.v2.access (codes and, with token rotation, refresh tokens), the tokens
it issued (each answering auth.test for its own workspace, refused once revoked or expired),
and conversations.history (what was posted where, with its metadata).

A mixin of SlackDouble (slack_double.py), which keeps the state it uses."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

TEAM = "T_LOCAL"
BOT_USER = "U_RAPPORT"
APP_ID = "A_RAPPORT"
CLIENT_ID = "1111111111.2222222222"  # the app's OAuth credentials, as the stand-in knows them
CLIENT_SECRET = "stand-in-client-secret"
TOKEN_LIFETIME = 12 * 3600  # seconds, as Slack's rotating tokens


@dataclass
class Grant:
    """What a person approved on Slack's install screen: the app in a workspace (or, org-wide,
    in an organization)."""

    team_id: str | None
    enterprise_id: str | None
    user: str
    org_wide: bool = False


@dataclass
class IssuedToken:
    team_id: str | None
    enterprise_id: str | None
    org_wide: bool
    expires_at: float | None = None
    revoked: bool = False


class OAuthStandIn:
    """Slack's side of installing: needs `workspaces`, `codes`, `tokens`, `refresh_tokens`,
    `rotating`, `postings`, `_ids`, `_current_team` and `_current_token` (SlackDouble's)."""

    workspaces: dict[str, dict[str, Any]]
    codes: dict[str, Grant]
    tokens: dict[str, IssuedToken]
    refresh_tokens: dict[str, IssuedToken]
    rotating: bool
    postings: list[Any]
    _ids: Any
    _current_team: str
    _current_token: str

    def add_workspace(self, team_id: str, name: str, *, enterprise: str | None = None) -> None:
        self.workspaces[team_id] = {"name": name, "enterprise": enterprise}

    def approve(
        self, *, team: str | None, user: str, enterprise: str | None = None, org_wide: bool = False
    ) -> str:
        """A person pressed Allow on Slack's install screen: the code Slack sends back."""
        code = f"code-{next(self._ids)}-{secrets.token_hex(4)}"
        self.codes[code] = Grant(team, enterprise, user, org_wide)
        return code

    def revoke(self, team: str) -> None:
        """Slack's side of an uninstall: the workspace's tokens stop working."""
        for issued in self.tokens.values():
            if issued.team_id == team:
                issued.revoked = True

    def team_of(self, token: str | None) -> str:
        issued = self.tokens.get(token or "")
        return (issued.team_id or "") if issued else TEAM

    def _refused_token(self, method: str, token: str | None) -> str | None:
        """Tokens this stand-in issued through OAuth are checked as Slack checks them; any
        other token (the console's, the tests' `xoxb-local`) is the default workspace's."""
        issued = self.tokens.get(token or "")
        if method.startswith("oauth.") or issued is None:
            return None
        if issued.revoked:
            return "token_revoked"
        if issued.expires_at is not None and issued.expires_at < time.time():
            return "token_expired"
        return None

    def _m_auth_test(self, _args: dict[str, Any]) -> dict[str, Any]:
        issued = self.tokens.get(self._current_token)
        team = issued.team_id if issued else TEAM
        enterprise = issued.enterprise_id if issued else None
        return {
            "ok": True,
            "url": "https://local.slack.test/",
            "team": self.workspaces.get(team or "", {}).get("name", ""),
            "user": "rapport",
            "team_id": team,
            "user_id": BOT_USER,
            "bot_id": "B_RAPPORT",
            "enterprise_id": enterprise,
            "is_enterprise_install": bool(issued and issued.org_wide),
        }

    def _m_oauth_v2_access(self, args: dict[str, Any]) -> dict[str, Any]:
        """The code (or, with token rotation, a refresh token) for a bot token, as Slack."""
        if args.get("client_id") != CLIENT_ID:
            return {"ok": False, "error": "invalid_client_id"}
        if args.get("client_secret") != CLIENT_SECRET:
            return {"ok": False, "error": "bad_client_secret"}
        if args.get("grant_type") == "refresh_token":
            issued = self.refresh_tokens.pop(str(args.get("refresh_token", "")), None)
            if issued is None or issued.revoked:
                return {"ok": False, "error": "invalid_refresh_token"}
            return self._issue(issued.team_id, issued.enterprise_id, issued.org_wide, None)
        grant = self.codes.pop(str(args.get("code", "")), None)  # a code works once
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        known = grant.team_id in self.workspaces or (grant.org_wide and grant.enterprise_id)
        if not known:
            return {"ok": False, "error": "invalid_team_for_non_distributed_app"}
        return self._issue(grant.team_id, grant.enterprise_id, grant.org_wide, grant.user)

    def _issue(
        self, team: str | None, enterprise: str | None, org_wide: bool, user: str | None
    ) -> dict[str, Any]:
        token = f"xoxb-{team or enterprise}-{next(self._ids)}-{secrets.token_hex(6)}"
        expires = time.time() + TOKEN_LIFETIME if self.rotating else None
        issued = IssuedToken(team, enterprise, org_wide, expires)
        self.tokens[token] = issued
        answer: dict[str, Any] = {
            "ok": True,
            "app_id": APP_ID,
            "access_token": token,
            "token_type": "bot",
            "scope": "commands,chat:write",
            "bot_user_id": BOT_USER,
            "team": None if org_wide else {"id": team, "name": self.workspaces[team or ""]["name"]},
            "enterprise": {"id": enterprise, "name": enterprise} if enterprise else None,
            "is_enterprise_install": org_wide,
        }
        if user is not None:
            answer["authed_user"] = {"id": user}
        if self.rotating:
            refresh = f"xoxe-1-{secrets.token_hex(8)}"
            self.refresh_tokens[refresh] = issued
            answer |= {"refresh_token": refresh, "expires_in": TOKEN_LIFETIME}
        return answer

    def _m_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """The messages posted in a conversation (a DM: `D_<user>`, as conversations.open
        names it), newest first, with their metadata, as Slack keeps them."""
        channel = str(args.get("channel", ""))
        where = {channel, channel.removeprefix("D_")}
        oldest = float(args.get("oldest") or 0)
        found = [
            {
                "type": "message",
                "ts": p.ts,
                "text": p.text,
                **({"metadata": p.raw["metadata"]} if p.raw.get("metadata") else {}),
            }
            for p in self.postings
            if p.kind == "message"
            and p.channel in where
            and p.team == self._current_team
            and float(p.ts) >= oldest
        ]
        limit = int(args.get("limit") or 100)
        return {"ok": True, "messages": found[::-1][:limit], "has_more": len(found) > limit}
