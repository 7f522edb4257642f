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
from bot.console.slack_double import SlackDouble
from bot.console.workspace import Workspace
from bot.people import profile_from_users_info
from bot.settings import Settings
from bot.store.db import Database
from bot.store.profiles import save_profile


class Harness:
    def __init__(self, settings: Settings, *, clock: Clock | None = None) -> None:
        self.base_settings = settings
        self.clock = clock
        self.slack = SlackDouble()
        self.service: Service | None = None
        self.workspace: Workspace | None = None

    async def __aenter__(self) -> Harness:
        await self.slack.start()
        secret = secrets.token_hex(16)
        settings = replace(
            self.base_settings,
            slack_bot_token="xoxb-local",
            slack_signing_secret=secret,
            slack_app_token=None,
            slack_api_url=self.slack.api_url,
        )
        self.service = build_service(
            settings,
            Database(settings.database_url),
            run_sweeps=False,
            pace=0.0,
            clock=self.clock,
        )
        await self.service.start(host="127.0.0.1", port=0)
        events_url = f"http://127.0.0.1:{self.service.port}{EVENTS_PATH}"
        self.workspace = Workspace(self.slack, events_url, secret)
        return self

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
        self, user_id: str, *, name: str, locale: str, tz: str, is_admin: bool = False
    ) -> None:
        """Make `user_id` a person of the workspace, replacing what was cached about them."""
        assert self.service is not None
        self.slack.add_user(user_id, name=name, locale=locale, tz=tz, is_admin=is_admin)
        profile = profile_from_users_info(
            self.slack.users[user_id], team_id=self.slack.team_id, now=self.service.clock.now()
        )
        async with self.service.db.transaction() as session:
            await save_profile(session=session, profile=profile)

    async def settle(self, timeout: float = 10.0) -> None:
        """Wait until every listener has finished its after-the-ack work."""
        assert self.service is not None
        if not await self.service.inflight.wait_idle(timeout=timeout):
            raise TimeoutError(f"listeners still busy after {timeout}s")
