"""Installing Rapport into many workspaces: Bolt's OAuth flow over slack_sdk's stores in
Rapport's database, with token rotation; uninstalls.

- `/slack/install` shows an Add to Slack page (a state issued into the database and a cookie
  in the browser, as Bolt does); `/slack/oauth_redirect` checks both, exchanges the code with
  Slack's oauth.v2.access, saves the installation and answers with a page in the browser's
  language. A wrong, replayed or expired state, a code Slack refuses, a cancelled install:
  a page that says so, and nothing stored.
- Before Bolt authorizes a request, the workspace's installation is looked up once
  (`Admission`): a request from a workspace without one (never installed, or uninstalled)
  is acknowledged with an empty 200, one log line, and reaches no listener — nothing is
  posted there. The lookup's result is what Bolt's authorize then uses (`Remembered`).
- `app_uninstalled` and `tokens_revoked` (bot tokens): the workspace is deactivated — its
  data kept, the sweeps skip it — and its revoked tokens deleted (Bolt's listeners). A
  re-install activates it again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import (
    AsyncAuthorize,
    AsyncInstallationStoreAuthorize,
)
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.listener.async_builtins import AsyncTokenRevocationListeners
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.inflight import InFlight
from bot.jobs.tokens import ROTATE_MINUTES_BEFORE_EXPIRY, InstallationStore
from bot.settings import Settings
from bot.store.db import Database
from bot.store.installations import OAUTH_STATES_TABLE, note_workspace, set_installed
from bot.views.install_pages import (
    build_failure_page,
    build_install_page,
    build_installed_page,
    language_of,
)

log = logging.getLogger(__name__)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600  # an install link works once, for ten minutes (Bolt's default)
AUTHORIZED = "rapport_authorized"  # context key: the installation found before Bolt's authorize
UNINSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")
HTML = {"Content-Type": "text/html; charset=utf-8"}


class Installs:
    """Everything OAuth mode adds to the app; None of it exists with SLACK_BOT_TOKEN."""

    def __init__(
        self, settings: Settings, db: Database, client: AsyncWebClient, clock: Clock
    ) -> None:
        assert settings.slack_client_id and settings.slack_client_secret
        self.db, self.clock = db, clock
        self.store = InstallationStore(settings.slack_client_id, db, clock)
        self.states = AsyncSQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_SECONDS, engine=db.engine, table_name=OAUTH_STATES_TABLE
        )
        self.authorize = AsyncInstallationStoreAuthorize(
            logger=log,
            installation_store=self.store,
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            token_rotation_expiration_minutes=ROTATE_MINUTES_BEFORE_EXPIRY,
            bot_only=True,  # Rapport uses no user tokens
            cache_enabled=True,  # auth.test once per token, not once per request
            client=client,
        )
        self.flow = PagedOAuthFlow(
            client=client,
            logger=log,
            settings=AsyncOAuthSettings(
                client_id=settings.slack_client_id,
                client_secret=settings.slack_client_secret,
                scopes=list(settings.slack_scopes),
                user_scopes=[],
                redirect_uri=settings.slack_redirect_uri,
                install_path=INSTALL_PATH,
                redirect_uri_path=REDIRECT_PATH,
                callback_options=AsyncCallbackOptions(success=_installed, failure=_failed),
                installation_store=self.store,
                installation_store_bot_only=True,
                token_rotation_expiration_minutes=ROTATE_MINUTES_BEFORE_EXPIRY,
                state_store=self.states,
                state_expiration_seconds=STATE_SECONDS,
                logger=log,
            ),
        )
        self._seen: set[str] = set()
        self._noting: set[asyncio.Task[None]] = set()

    async def admit(
        self, body: dict[str, Any], context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]
    ) -> Any:
        """Bolt's before_authorize: only installed workspaces reach the listeners."""
        event = body.get("event") or {}
        if body.get("type") == "url_verification" or event.get("type") in UNINSTALL_EVENTS:
            return await next()
        found = await self.authorize(
            context=context,
            enterprise_id=context.enterprise_id,
            team_id=context.team_id,
            user_id=context.user_id,
        )
        if found is None:
            log.warning(
                "ignored a request from workspace %s (enterprise %s): Rapport is not installed "
                "there or was uninstalled",
                context.team_id,
                context.enterprise_id,
            )
            return BoltResponse(status=200, body="")
        context[AUTHORIZED] = found
        self._note(context)
        return await next()

    def _note(self, context: AsyncBoltContext) -> None:
        """Remember which organization a workspace belongs to (once per process), so the
        sweeps find an org-wide installation's token for it. Never before the ack."""
        team = context.team_id
        if not team or team in self._seen:
            return
        self._seen.add(team)
        task = asyncio.create_task(
            self._record(team, context.enterprise_id, bool(context.is_enterprise_install))
        )
        self._noting.add(task)
        task.add_done_callback(self._noting.discard)

    async def _record(self, team: str, enterprise: str | None, org_install: bool) -> None:
        try:
            async with self.db.transaction(write=True) as session:
                await note_workspace(
                    session=session,
                    team_id=team,
                    enterprise_id=enterprise,
                    org_install=org_install,
                    now=self.clock.now(),
                )
        except Exception:
            self._seen.discard(team)
            log.warning("could not record workspace %s; trying again later", team)


class Remembered(AsyncAuthorize):
    """Bolt's authorize, answered from what `Installs.admit` found for this request."""

    def __init__(self, installs: Installs) -> None:
        self.installs = installs

    async def __call__(
        self,
        *,
        context: AsyncBoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        **actor: str | None,
    ) -> AuthorizeResult | None:
        found = context.get(AUTHORIZED)
        if found is not None:
            return found
        return await self.installs.authorize(
            context=context, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )


class PagedOAuthFlow(AsyncOAuthFlow):
    """Bolt's flow, with the install page in the browser's language."""

    async def build_install_page_html(self, url: str, request: AsyncBoltRequest) -> str:
        lang = language_of(_header(request, "accept-language"))
        return build_install_page(lang, authorize_url=url, minutes=STATE_SECONDS // 60)


async def _installed(args: AsyncSuccessArgs) -> BoltResponse:
    installation = args.installation
    lang = language_of(_header(args.request, "accept-language"))
    team = installation.team_name or installation.enterprise_name or ""
    if installation.team_id:
        open_url = f"slack://app?team={installation.team_id}&id={installation.app_id}"
    else:
        open_url = "slack://open"
    page = build_installed_page(lang, team=team, open_url=open_url)
    return _page(200, page, args.settings.state_utils.build_set_cookie_for_deletion())


async def _failed(args: AsyncFailureArgs) -> BoltResponse:
    log.info("an installation did not complete: %s", args.reason)
    lang = language_of(_header(args.request, "accept-language"))
    page = build_failure_page(lang, reason=args.reason, install_path=INSTALL_PATH)
    status = args.suggested_status_code
    return _page(status, page, args.settings.state_utils.build_set_cookie_for_deletion())


def _page(status: int, html: str, cookie: str) -> BoltResponse:
    return BoltResponse(status=status, body=html, headers={**HTML, "Set-Cookie": [cookie]})


def _header(request: AsyncBoltRequest, name: str) -> str | None:
    values = request.headers.get(name) or []
    return values[0] if values else None


def register_uninstalls(
    app: AsyncApp, inflight: InFlight, db: Database, clock: Clock, installs: Installs | None
) -> None:
    revocations = AsyncTokenRevocationListeners(installs.store) if installs else None

    async def deactivate(context: AsyncBoltContext, reason: str) -> None:
        async with db.transaction(write=True) as session:
            await set_installed(
                session=session,
                team_id=context.team_id,
                enterprise_id=context.enterprise_id,
                org_install=bool(context.is_enterprise_install),
                active=False,
                reason=reason,
                now=clock.now(),
            )
        log.info("Rapport uninstalled from %s (%s): workspace deactivated", context.team_id, reason)

    async def app_uninstalled(context: AsyncBoltContext) -> None:
        await deactivate(context, "app_uninstalled")
        if revocations is not None:
            await revocations.handle_app_uninstalled_events(context)

    async def tokens_revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
        if event.get("tokens", {}).get("bot"):
            await deactivate(context, "tokens_revoked")
        if revocations is not None:
            await revocations.handle_tokens_revoked_events(event, context)

    app.event("app_uninstalled")(inflight.track(app_uninstalled))
    app.event("tokens_revoked")(inflight.track(tokens_revoked))
