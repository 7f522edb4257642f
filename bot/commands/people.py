"""Middleware: attach the acting `Person` (language, time zone) to every request.

Profiles come from an in-process cache, then the database, then users.info. A known person
is answered from memory, even when their entry is older than its TTL (refreshed in the
background meanwhile): under load the ack never waits for a pool connection. A slow or
failing Slack or database never blocks the ack: defaults are used.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.inflight import InFlight
from bot.people import Person, is_fresh, person_from_profile, profile_from_users_info
from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.profiles import get_profile, save_profile

log = logging.getLogger(__name__)

MEMORY_TTL_SECONDS = 600
SLACK_LOOKUP_BUDGET_SECONDS = 1.0
# Someone not yet known to this process: the database, then users.info (within its own
# budget) — all of it well inside Slack's three seconds, however busy the database is.
FIRST_LOOKUP_BUDGET_SECONDS = 2.0


class PersonResolver:
    def __init__(
        self,
        db: Database,
        default_tz: ZoneInfo,
        clock: Clock,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._monotonic = monotonic
        self._loading: dict[tuple[str, str], asyncio.Task[Person | None]] = {}
        self._clock = clock
        self._default_tz = default_tz
        self._memory: dict[tuple[str, str], tuple[float, Person]] = {}
        self._channels: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}
        self._saving: set[asyncio.Task[None]] = set()

    async def middleware(
        self, context: AsyncBoltContext, client: AsyncWebClient, next: Callable[[], Awaitable[Any]]
    ) -> Any:
        team_id = context.team_id or context.enterprise_id or ""
        user_id = context.user_id
        if user_id:
            context["person"] = await self.resolve(client, team_id, user_id)
        return await next()

    async def resolve(self, client: AsyncWebClient, team_id: str, user_id: str) -> Person:
        """From memory: fresh, or stale while one refresh runs in the background, so the ack
        never waits for a pool connection once a person is known to this process. Someone
        not yet known waits for one look-up (database, then Slack) at most its budget;
        however many requests arrive meanwhile, they share it (one users.info)."""
        key = (team_id, user_id)
        cached = self._memory.get(key)
        if cached is not None:
            if self._monotonic() - cached[0] >= MEMORY_TTL_SECONDS:
                self._looked_up(client, key)
            return cached[1]
        try:
            async with asyncio.timeout(FIRST_LOOKUP_BUDGET_SECONDS):
                found = await asyncio.shield(self._looked_up(client, key))
        except TimeoutError:
            found = None
        return found or person_from_profile(
            None, team_id=team_id, user_id=user_id, default_tz=self._default_tz
        )

    def _looked_up(
        self, client: AsyncWebClient, key: tuple[str, str]
    ) -> asyncio.Task[Person | None]:
        """The one look-up of `key` under way, started if none is."""
        task = self._loading.get(key)
        if task is None:
            task = asyncio.create_task(self._look_up(client, *key))
            self._loading[key] = task
            task.add_done_callback(lambda _: self._loading.pop(key, None))
        return task

    async def _look_up(self, client: AsyncWebClient, team_id: str, user_id: str) -> Person | None:
        profile = await self._stored(team_id, user_id)
        if not is_fresh(profile, now=self._clock.now()):
            profile = await self._from_slack(client, team_id, user_id) or profile
        if profile is None:
            return None
        person = person_from_profile(
            profile, team_id=team_id, user_id=user_id, default_tz=self._default_tz
        )
        self._memory[(team_id, user_id)] = (self._monotonic(), person)
        return person

    async def looked_up(self) -> None:
        """Wait for the look-ups under way, and the profiles they save (tests, shutdown)."""
        while self._loading or self._saving:
            await asyncio.gather(*self._loading.values(), *self._saving, return_exceptions=True)

    async def settled(self, *, timeout: float) -> bool:
        """The same within `timeout`: True when none was left running. A server stopping
        waits for them before it closes the database, which they read and write."""
        try:
            async with asyncio.timeout(timeout):
                await self.looked_up()
        except TimeoutError:
            return False
        return True

    async def channels_of(
        self, client: AsyncWebClient, team_id: str, user_id: str
    ) -> frozenset[str]:
        """The channels a person is a member of (that Rapport can see), cached briefly."""
        key = (team_id, user_id)
        cached = self._channels.get(key)
        if cached and time.monotonic() - cached[0] < MEMORY_TTL_SECONDS:
            return cached[1]
        found: set[str] = set()
        try:
            async with asyncio.timeout(SLACK_LOOKUP_BUDGET_SECONDS * 2):
                cursor = None
                while True:
                    response = await client.users_conversations(
                        user=user_id,
                        types="public_channel,private_channel",
                        limit=1000,
                        exclude_archived=True,
                        cursor=cursor,
                    )
                    found |= {c["id"] for c in response.get("channels", list[dict[str, Any]]())}
                    cursor = (response.get("response_metadata") or {}).get("next_cursor")
                    if not cursor:
                        break
        except Exception:
            log.warning("users.conversations for %s failed; channel shares not applied", user_id)
            return frozenset(found)
        self._channels[key] = (time.monotonic(), frozenset(found))
        return frozenset(found)

    async def display_names(
        self, client: AsyncWebClient, team_id: str, user_ids: list[str]
    ) -> dict[str, str]:
        """Names to show where Slack renders no mentions (modal errors)."""
        names = {}
        for user_id in dict.fromkeys(user_ids):
            person = await self.resolve(client, team_id, user_id)
            names[user_id] = person.name or user_id
        return names

    async def _stored(self, team_id: str, user_id: str) -> SlackProfile | None:
        try:
            async with self._db.transaction(quick=True) as session:
                return await get_profile(session=session, team_id=team_id, user_id=user_id)
        except Exception as error:  # busy or unreachable: what memory has is used meanwhile
            reason = type(error).__name__
            log.warning("profile cache unreadable (%s); using Slack or defaults", reason)
            return None

    async def _from_slack(
        self, client: AsyncWebClient, team_id: str, user_id: str
    ) -> SlackProfile | None:
        try:
            async with asyncio.timeout(SLACK_LOOKUP_BUDGET_SECONDS):
                response = await client.users_info(user=user_id, include_locale=True)
        except Exception:
            log.warning("users.info for %s failed or was slow; using defaults", user_id)
            return None
        profile = profile_from_users_info(response["user"], team_id=team_id, now=self._clock.now())
        # Stored in the background: waiting for the database's write lock must never delay
        # the ack, which comes after this middleware.
        task = asyncio.create_task(self._store(profile))
        self._saving.add(task)
        task.add_done_callback(self._saving.discard)
        return profile

    async def _store(self, profile: SlackProfile) -> None:
        try:  # a read then a write: take the write lock first (SQLite)
            async with self._db.transaction(write=True, cache=True) as session:
                await save_profile(session=session, profile=profile)
        except Exception:
            log.warning("could not cache the profile of %s", profile.user_id, exc_info=True)

    async def refresh(self, team_id: str, user: dict[str, Any]) -> None:
        """Slack's user_change event: a person changed language or time zone."""
        profile = profile_from_users_info(user, team_id=team_id, now=self._clock.now())
        person = person_from_profile(
            profile, team_id=team_id, user_id=profile.user_id, default_tz=self._default_tz
        )
        self._memory[(team_id, profile.user_id)] = (self._monotonic(), person)
        async with self._db.transaction(write=True, cache=True) as session:
            await save_profile(session=session, profile=profile)

    def register(self, app: AsyncApp, inflight: InFlight) -> None:
        async def user_change(event: dict[str, Any], context: AsyncBoltContext) -> None:
            await self.refresh(context.team_id or "", event["user"])

        # tracked like every listener: shutdown (and the tests' settle) wait for it
        app.event("user_change")(inflight.track(user_change))
