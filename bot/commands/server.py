"""The production server: aiohttp serving Bolt over HTTP, or Socket Mode, plus /healthz.

`Service` owns everything that runs: the web server, the Socket Mode connection,
the scheduler and the database. `stop()` is the SIGTERM path: stop taking
work, let in-flight listeners finish, stop the scheduler, close the database.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import ClientSession, ClientTimeout, web
from aiohttp.web import AppRunner
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock, SystemClock
from bot.commands.app import build_app
from bot.commands.entry import LARGEST_BODY, SlackEntry
from bot.commands.identity import BotIdentity
from bot.commands.installs import INSTALL_PATH, REDIRECT_PATH, Installs
from bot.commands.people import PersonResolver
from bot.commands.replies import use_session
from bot.customers.translation import once_read
from bot.inflight import InFlight
from bot.jobs.client import build_web_client
from bot.jobs.runtime import Jobs, build_jobs
from bot.jobs.scheduler import Scheduler
from bot.jobs.tokens import InstalledTokens
from bot.metrics import CONTENT_TYPE, Metrics
from bot.settings import Settings
from bot.store.db import Database
from bot.store.deliveries import oldest_unposted_due
from bot.store.health import check_health
from bot.store.installations import set_installed
from bot.workqueue import WorkQueue

if TYPE_CHECKING:  # loaded in Socket Mode only (bot/commands/socket_answers.py)
    from bot.commands.socket_answers import SocketModeAnswers

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
METRICS_PATH = "/metrics"
HEALTH_PATH = "/healthz"  # readiness: the database answers and its schema is this code's
READY_PATH = "/readyz"  # the same, by the name Kubernetes-style probes expect
LIVE_PATH = "/livez"  # liveness: the process answers; says nothing of the database
DRAIN_SECONDS = 25.0  # under Kubernetes' default 30 s grace period


@dataclass
class Service:
    settings: Settings
    db: Database
    client: AsyncWebClient
    bolt: AsyncApp
    inflight: InFlight
    identity: BotIdentity
    jobs: Jobs
    scheduler: Scheduler
    clock: Clock
    web: web.Application
    installs: Installs | None = None
    metrics: Metrics = field(default_factory=Metrics)
    runner: AppRunner | None = None  # `web` in this class is the field above
    socket: SocketModeAnswers | None = None
    port: int | None = None
    people: PersonResolver | None = None  # its look-ups and saves run beside the listeners

    async def start(self, *, host: str = "0.0.0.0", port: int | None = None) -> None:
        self.runner = web.AppRunner(
            self.web, shutdown_timeout=DRAIN_SECONDS, access_log=None, handle_signals=False
        )
        # One HTTP session for every Web API call: kept-alive connections (and TLS) instead of
        # a new session per call, which slack_sdk makes when it is given none.
        self.client.session = ClientSession(timeout=ClientTimeout(total=self.client.timeout))
        use_session(self.client.session)
        if self.installs is None:
            await self._single_workspace_on()
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, self.settings.port if port is None else port)
        await site.start()
        self.port = self.runner.addresses[0][1]
        if self.settings.socket_mode:
            from bot.commands.socket_answers import SocketModeAnswers

            self.socket = SocketModeAnswers(
                self.bolt, self.settings.slack_app_token, web_client=self.client
            )
            await self.socket.connect_async()
        self.scheduler.start()
        mode = "Socket Mode" if self.socket else f"HTTP {EVENTS_PATH}"
        log.info("Rapport serving on port %s (%s)", self.port, mode)

    async def _single_workspace_on(self) -> None:
        """SLACK_BOT_TOKEN's workspace: who the bot is, asked once; a working token makes its
        workspace active again after an uninstall (the operator installed it anew)."""
        await self.identity.warm()
        found = self.identity.loaded
        if found is None or not found.get("team_id"):
            return
        try:
            async with self.db.transaction(write=True) as session:
                await set_installed(
                    session=session,
                    team_id=found["team_id"],
                    enterprise_id=found.get("enterprise_id"),
                    org_install=False,
                    active=True,
                    reason="installed",
                    now=self.clock.now(),
                )
        except Exception:  # the database is away or behind: /healthz says so; serve anyway
            log.warning("could not record the workspace as active; the database did not answer")

    async def stop(self) -> None:
        if self.socket is not None:
            await self.socket.close_async()
        if self.runner is not None:
            await self.runner.cleanup()  # stops listening, then drains open requests
        if not await self.inflight.wait_idle(timeout=DRAIN_SECONDS):
            log.warning("%d listeners still running at shutdown", self.inflight.count)
        if not await self.scheduler.stop(timeout=DRAIN_SECONDS):
            log.warning("a scheduled sweep was still running at shutdown")
        if self.people is not None and not await self.people.settled(timeout=DRAIN_SECONDS):
            log.warning("a person's look-up or profile save was still running at shutdown")
        if self.client.session is not None:
            use_session(None)
            await self.client.session.close()
        await self.db.dispose()
        log.info("Rapport stopped")


def build_service(
    settings: Settings,
    db: Database,
    *,
    run_sweeps: bool = True,
    pace: float = 1.0,
    clock: Clock | None = None,
) -> Service:
    """`run_sweeps=False` for the console and tests, which run sweeps themselves; `pace` is
    the seconds between two posts to one channel; `clock` is what every part of the service
    reads the time from (the system's unless given)."""
    clock = clock or SystemClock()
    metrics = Metrics()
    client = build_web_client(settings, metrics=metrics)
    inflight = InFlight(WorkQueue(workers=settings.workers, waiting=settings.queue))
    metrics.watch_in_flight(lambda: inflight.count)
    identity = BotIdentity(client)
    installs = Installs(settings, db, client, clock) if settings.oauth else None
    people = PersonResolver(db, settings.default_tz, clock)
    bolt = build_app(settings, db, client, inflight, identity, clock, installs, people)
    tokens = None
    if installs is not None and settings.slack_client_secret:
        tokens = InstalledTokens(
            installs.store,
            client_id=installs.store.client_id,
            client_secret=settings.slack_client_secret,
            client=client,
        )
    jobs = build_jobs(
        db,
        client,
        clock=clock,
        pace=pace,
        tokens=tokens,
        metrics=metrics,
        admins=settings.admins,
    )
    scheduler = Scheduler()
    if run_sweeps:
        jobs.schedule(scheduler)
    return Service(
        jobs=jobs,
        identity=identity,
        settings=settings,
        db=db,
        client=client,
        bolt=bolt,
        inflight=inflight,
        scheduler=scheduler,
        clock=clock,
        installs=installs,
        metrics=metrics,
        people=people,
        web=build_web_app(
            bolt,
            db,
            signing_secret=settings.slack_signing_secret,
            events=not settings.socket_mode,
            metrics=metrics,
            clock=clock,
        ),
    )


def build_web_app(
    bolt: AsyncApp,
    db: Database,
    *,
    signing_secret: str | None,
    events: bool,
    metrics: Metrics | None = None,
    clock: Clock | None = None,
) -> web.Application:
    """/healthz, /readyz, /livez, /metrics, the install pages (OAuth), and over HTTP (not in
    Socket Mode) Slack's requests through `SlackEntry`."""
    metrics, clock = metrics or Metrics(), clock or SystemClock()

    async def prometheus(_request: web.Request) -> web.StreamResponse:
        try:
            async with db.transaction() as session:
                oldest = await oldest_unposted_due(session=session)
            lag = 0.0 if oldest is None else (clock.now() - oldest).total_seconds()
            metrics.sweep_lag.set(max(lag, 0.0))
        except Exception:  # the database is away: /healthz says so; the rest still counts
            log.warning("sweep lag unknown: the database did not answer")
        body = metrics.render()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    async def healthz(_request: web.Request) -> web.StreamResponse:
        health = await check_health(db)
        return web.json_response(health.as_json(), status=200 if health.ok else 503)

    async def livez(_request: web.Request) -> web.StreamResponse:
        return web.json_response({"status": "alive"})

    app = web.Application(client_max_size=LARGEST_BODY)
    app.router.add_get(HEALTH_PATH, healthz)
    app.router.add_get(READY_PATH, healthz)
    app.router.add_get(LIVE_PATH, livez)
    app.router.add_get(METRICS_PATH, prometheus)
    if bolt.oauth_flow is not None:
        flow = bolt.oauth_flow

        async def install(request: web.Request) -> web.StreamResponse:
            return await to_aiohttp_response(await flow.handle_installation(_browser(request)))

        async def oauth_redirect(request: web.Request) -> web.StreamResponse:
            return await to_aiohttp_response(await flow.handle_callback(_browser(request)))

        app.router.add_get(INSTALL_PATH, install)
        app.router.add_get(REDIRECT_PATH, oauth_redirect)
    if events:
        entry = SlackEntry(bolt, db, signing_secret=signing_secret or "", metrics=metrics)
        app.router.add_post(EVENTS_PATH, entry.handle)
        app.on_cleanup.append(lambda _app: entry.ledger.close())
    return app


def _browser(request: web.Request) -> AsyncBoltRequest:
    """A browser's GET of an install page, as Bolt's OAuth flow reads it: query and headers
    (the state cookie, the language); there is no body and nothing to verify."""
    headers: dict[str, str | Sequence[str]] = {
        name: request.headers.getall(name) for name in request.headers
    }
    return AsyncBoltRequest(body="", query=request.query_string, headers=headers)


def keep_out_of_collections() -> None:
    """A started server's objects live as long as the process: out of the garbage
    collector's sight, or each full collection walks them all, holding up every request in
    flight. Those of start-up now (the ~2,000 objects of garbage start-up left are frozen
    too: a collection to find them would hold up the first answers by 80 ms); the tables a
    first name loads later (the pinyin table, the word lists) once they are read."""
    gc.freeze()
    once_read(gc.freeze)


async def serve(settings: Settings) -> None:
    """Run until SIGTERM or SIGINT, then shut down gracefully."""
    service = build_service(settings, Database(settings.database_url))
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await service.start()
    keep_out_of_collections()
    gc.enable()  # off while starting (bot/cli.py)
    await stopping.wait()
    log.info("Shutting down: no new work, finishing what is in flight")
    await service.stop()
