"""Build the Bolt app: one AsyncApp, our web client, our middleware and listeners."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.commands import (  # noqa: F401  (schedules registers /customer brief)
    card_pages,
    changes,
    channels,
    contracts,
    customer,
    customer_views,
    deals,
    documents,
    exports,
    governance,
    home,
    log,
    log_views,
    maintenance,
    merges,
    notify,
    phases,
    pipeline,
    projects,
    record_views,
    reminders,
    requirements,
    roles,
    sales_pages,
    schedules,
    services,
    stats,
    steps,
    surveys,
)
from bot.commands.capacity import note_request
from bot.commands.deps import Deps
from bot.commands.errors import handle_error
from bot.commands.identity import BotIdentity
from bot.commands.installs import Installs, Remembered, register_uninstalls
from bot.commands.middleware_chain import MiddlewareChain, Step
from bot.commands.outgoing import through_the_guard
from bot.commands.people import PersonResolver
from bot.commands.retries import once_per_event
from bot.commands.sanitize import strip_nul
from bot.inflight import InFlight
from bot.settings import Settings
from bot.store.db import Database

BOLT_LOGGER = "rapport.bolt"  # what Bolt logs, and its listeners under it (`.app`)

ROUTERS = (customer.router, log.router)


class _QuietAuthorizeWarning(logging.Filter):
    """Bolt warns that the client's token is unused when `authorize` is given, and — as it
    reads SLACK_BOT_TOKEN from the environment itself — that the token is unused beside our
    `client`. Ours is the same token, by design (auth.test once at start-up): noise."""

    NOISE = ("`authorize` has been used", "`token` will be unused")

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(noise in record.getMessage() for noise in self.NOISE)


def build_app(
    settings: Settings,
    db: Database,
    client: AsyncWebClient,
    inflight: InFlight,
    identity: BotIdentity,
    clock: Clock,
    installs: Installs | None = None,
    people: PersonResolver | None = None,
) -> AsyncApp:
    """`installs`: many workspaces through OAuth (None: SLACK_BOT_TOKEN's one workspace).
    `people`: who is asking, looked up and remembered (made here unless given: the service
    gives its own, whose look-ups and saves its shutdown waits for)."""
    if installs is None:
        authorization: dict[str, Any] = {"authorize": identity.authorize}
    else:
        authorization = {
            "authorize": Remembered(installs),
            "before_authorize": installs.admit,
            "oauth_flow": installs.flow,
        }
    app = AsyncApp(
        **authorization,
        # Named, so that Bolt does not name it from the caller's file: `inspect.stack()` looks
        # up a module for each frame among every one loaded, 48 ms of the server's start-up.
        # Bolt gives its listeners the logger of this name, set up like `logger` below at each
        # request: a child of that one, never a logger of Rapport's own that it would reset.
        name=f"{BOLT_LOGGER}.app",
        client=client,
        # Off on purpose: bot/commands/entry.py verifies every HTTP request before Bolt sees
        # it (and refuses repeated headers, replays and oversized bodies, which Bolt does not);
        # Bolt's own check would log the whole body of each request it refuses.
        request_verification_enabled=False,
        # Ack first, then work: listeners run on after the HTTP answer is sent.
        process_before_response=False,
        logger=_bolt_logger(),
    )
    people = people or PersonResolver(db, settings.default_tz, clock)
    chain: list[Step] = [
        through_the_guard,  # first: every answer and call leaves through it
        strip_nul,
        note_request,  # what a busy refusal answers (bot/commands/capacity.py)
        once_per_event(db, clock),
        Deps(db=db, settings=settings, people=people, clock=clock).attach,
        people.middleware,  # the person asking, in their language and zone
    ]
    app.middleware(MiddlewareChain(chain))
    people.register(app, inflight)
    for router in ROUTERS:
        router.register(app, inflight)
    home.register(app, inflight)
    customer_views.register(app, inflight)
    log_views.register(app, inflight)
    record_views.register(app, inflight)
    phases.register(app, inflight)
    channels.register(app, inflight)
    card_pages.register(app, inflight)
    reminders.register(app, inflight)
    merges.register(app, inflight)
    governance.register(app, inflight)
    deals.register(app, inflight)
    pipeline.register(app, inflight)
    contracts.register(app, inflight)
    projects.register(app, inflight)
    documents.register(app, inflight)
    sales_pages.register(app, inflight)
    stats.register(app, inflight)
    roles.register(app, inflight)
    steps.register(app, inflight)
    changes.register(app, inflight)
    services.register(app, inflight)
    requirements.register(app, inflight)
    surveys.register(app, inflight)
    maintenance.register(app, inflight)
    register_uninstalls(app, inflight, db, clock, installs)
    app.error(handle_error)
    return app


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger(BOLT_LOGGER)
    if not any(isinstance(f, _QuietAuthorizeWarning) for f in logger.filters):
        logger.addFilter(_QuietAuthorizeWarning())
    return logger
