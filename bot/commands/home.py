"""App Home and the message shortcut."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.errors import guarded
from bot.commands.replies import person_of
from bot.inflight import InFlight
from bot.views.home import build_home


async def app_home_opened(
    event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    if event.get("tab") == "home":
        await client.views_publish(user_id=event["user"], view=build_home(person_of(context).lang))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.event("app_home_opened")(guarded(inflight, app_home_opened))
