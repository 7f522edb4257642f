"""Rapport's real server on loopback, wired to a SlackDouble.

The console and the end-to-end tests both use it, so what a test proves is what
a person sees in the console. Run migrations before entering (they are synchronous).
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from types import TracebackType

from bot.clock import Clock
from bot.commands.server import EVENTS_PATH, Service, build_service
from bot.console.slack_double import CLIENT_ID, CLIENT_SECRET, TEAM, SlackDouble
from bot.console.workspace import Workspace
from bot.people import profile_from_users_info
from bot.settings import Settings
from bot.store.db import Database
from bot.store.profiles import save_profile


class Harness:
    """`oauth=True`: Rapport serves many workspaces, each installing it through the stand-in's
    OAuth (no SLACK_BOT_TOKEN); otherwise the one workspace of a bot token."""

    def __init__(
        self, settings: Settings, *, clock: Clock | None = None, oauth: bool = False
    ) -> None:
        self.base_settings = settings
        self.clock = clock
        self.oauth = oauth
        self.slack = SlackDouble()
        self.service: Service | None = None
        self.workspace: Workspace | None = None
        self.secret = ""

    async def __aenter__(self) -> Harness:
        await self.slack.start()
        secret = self.secret = secrets.token_hex(16)
        settings = replace(
            self.base_settings,
            slack_bot_token=None if self.oauth else "xoxb-local",
            slack_signing_secret=secret,
            slack_app_token=None,
            slack_api_url=self.slack.api_url,
            slack_client_id=CLIENT_ID if self.oauth else None,
            slack_client_secret=CLIENT_SECRET if self.oauth else None,
        )
        self.service = build_service(
            settings,
            Database(settings.database_url),
            run_sweeps=False,
            pace=0.0,
            clock=self.clock,
        )
        await self.service.start(host="127.0.0.1", port=0)
        self.workspace = self.workspace_of(TEAM)
        return self

    def workspace_of(
        self, team: str, *, enterprise: str | None = None, org_install: bool = False
    ) -> Workspace:
        """Requests from workspace `team` (of organization `enterprise`)."""
        assert self.service is not None
        events_url = f"http://127.0.0.1:{self.service.port}{EVENTS_PATH}"
        return Workspace(
            self.slack,
            events_url,
            self.secret,
            team=team,
            enterprise=enterprise,
            org_install=org_install,
        )

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.service is not None:
            await self.service.stop()
        await self.slack.stop()

    @property
    def url(self) -> str:
        assert self.service is not None
        return f"http://127.0.0.1:{self.service.port}"

    async def act_as(
        self,
        user_id: str,
        *,
        name: str,
        locale: str,
        tz: str,
        is_admin: bool = False,
        team: str = TEAM,
    ) -> None:
        """Make `user_id` a person of workspace `team`, replacing what was cached about them."""
        assert self.service is not None
        self.slack.add_user(user_id, name=name, locale=locale, tz=tz, is_admin=is_admin, team=team)
        profile = profile_from_users_info(
            self.slack.users[user_id], team_id=team, now=self.service.clock.now()
        )
        async with self.service.db.transaction() as session:
            await save_profile(session=session, profile=profile)

    async def settle(self, timeout: float = 60.0) -> None:
        """Wait until every listener has finished its after-the-ack work. The timeout guards
        against a listener that never ends, not against a slow machine (a loaded CI worker
        drawing three charts took over ten seconds)."""
        assert self.service is not None
        if not await self.service.inflight.wait_idle(timeout=timeout):
            raise TimeoutError(f"listeners still busy after {timeout}s")
