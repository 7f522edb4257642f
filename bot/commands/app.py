"""Build the Bolt app: one AsyncApp, our web client, our middleware and listeners."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import customer, home, log
from bot.commands.errors import handle_error
from bot.commands.identity import BotIdentity
from bot.commands.people import PersonResolver
from bot.inflight import InFlight
from bot.settings import Settings
from bot.store.db import Database

ROUTERS = (customer.router, log.router)


def build_app(
    settings: Settings,
    db: Database,
    client: AsyncWebClient,
    inflight: InFlight,
    identity: BotIdentity,
) -> AsyncApp:
    app = AsyncApp(
        authorize=identity.authorize,
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        # Ack first, then work: listeners run on after the HTTP answer is sent.
        process_before_response=False,
        logger=logging.getLogger("rapport.bolt"),
    )
    PersonResolver(db, settings.default_tz).register(app)
    for router in ROUTERS:
        router.register(app, inflight)
    home.register(app, inflight)
    app.error(handle_error)
    return app
