"""Which bot token posts to which workspace.

One workspace (SLACK_BOT_TOKEN): that token, unless the workspace uninstalled Rapport. Many
workspaces (OAuth): the token slack_sdk's installation store keeps for the workspace — or for
its organization, when Rapport was installed org-wide — refreshed first when Slack's token
rotation is on and it is about to expire. No token: the workspace is inactive and nothing
is posted there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.store.db import Database
from bot.store.installations import (
    BOTS_TABLE,
    INSTALLATIONS_TABLE,
    inactive_teams,
    set_installed,
    workspace_of,
)

log = logging.getLogger(__name__)
ROTATE_MINUTES_BEFORE_EXPIRY = 120  # Bolt's default for requests; the sweeps use the same


class TokenSource(Protocol):
    async def tokens_for(self, team_ids: Iterable[str]) -> dict[str, str | None]:
        """Each workspace's bot token, or None where nothing may be posted."""
        ...


class SingleWorkspaceToken:
    def __init__(self, token: str | None, db: Database) -> None:
        self.token, self.db = token, db

    async def tokens_for(self, team_ids: Iterable[str]) -> dict[str, str | None]:
        teams = sorted(set(team_ids))
        async with self.db.transaction() as session:
            inactive = await inactive_teams(session=session, team_ids=teams)
        return {team: None if team in inactive else self.token for team in teams}


class InstallationStore(AsyncSQLAlchemyInstallationStore):
    """slack_sdk's store over Rapport's database; saving an installation (re)activates the
    workspace — or, org-wide, the organization's workspaces."""

    def __init__(self, client_id: str, db: Database, clock: Clock) -> None:
        super().__init__(
            client_id=client_id,
            engine=db.engine,
            bots_table_name=BOTS_TABLE,
            installations_table_name=INSTALLATIONS_TABLE,
        )
        self.db, self.clock = db, clock

    async def async_save(self, installation: Installation) -> None:
        await super().async_save(installation)
        async with self.db.transaction(write=True) as session:
            await set_installed(
                session=session,
                team_id=installation.team_id,
                enterprise_id=installation.enterprise_id,
                org_install=bool(installation.is_enterprise_install),
                active=True,
                reason="installed",
                now=self.clock.now(),
            )


class InstalledTokens:
    def __init__(
        self,
        store: InstallationStore,
        *,
        client_id: str,
        client_secret: str,
        client: AsyncWebClient,
    ) -> None:
        self.store = store
        self.rotator = AsyncTokenRotator(
            client_id=client_id, client_secret=client_secret, client=client
        )

    async def tokens_for(self, team_ids: Iterable[str]) -> dict[str, str | None]:
        return {team: await self._token(team) for team in sorted(set(team_ids))}

    async def _token(self, team_id: str) -> str | None:
        async with self.store.db.transaction() as session:
            workspace = await workspace_of(session=session, team_id=team_id)
        if workspace is not None and not workspace.active:
            return None
        bot = await self.store.async_find_bot(
            enterprise_id=workspace.enterprise_id if workspace else None,
            team_id=team_id,
            is_enterprise_install=workspace.org_install if workspace else False,
        )
        if bot is None:
            return None
        try:
            refreshed = await self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_MINUTES_BEFORE_EXPIRY
            )
        except Exception as error:  # Slack refused the refresh: the token is gone
            log.warning("could not refresh the bot token of %s: %s", team_id, error)
            return None
        if refreshed is not None:
            await self.store.async_save_bot(refreshed)
            return refreshed.bot_token
        return bot.bot_token
