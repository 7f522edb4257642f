"""One server for the command-latency benchmark, in a process of its own.

`python -m bench.latency_server rapport|floor|floor-reply --database-url … --api-url … --secret …`
serves POST /slack/events on a free loopback port, prints `{"port": …}` on stdout and runs
until SIGTERM. `rapport` is the app itself (`build_service`, its objects kept out of the
garbage collector's sight once it listens, as `rapport serve` does); `floor` is the least a Bolt
app over aiohttp can do: signature check, a fixed `authorize`, listeners that only ack.

`--stats FILE`: on exit, the generation and duration of every garbage collection (the
collector holds the GIL and so stops the event loop). `--profile FILE`: also run under
cProfile (stats to FILE) and write FILE.stalls.json: how late each 5 ms timer of the event
loop fired, and the stack of the loop's thread, sampled by a watchdog thread whenever the
loop has not come round for over 20 ms. SIGUSR1 starts all of these afresh (after a
warm-up). `--trace FILE`: time the steps around the ack (bench/latency_trace.py).
`--gc-freeze`: an experiment; `gc.freeze()` once the server listens, so full
collections no longer walk the objects made at start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType
from zoneinfo import ZoneInfo

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient

EVENTS_PATH = "/slack/events"  # as bot/commands/server.py serves it
BOT_TOKEN = "xoxb-bench"


async def serve_rapport(options: argparse.Namespace, stopping: asyncio.Event) -> None:
    # Imported here, so the floor's process holds only Bolt and aiohttp.
    if options.trace:
        from bench import latency_trace

        latency_trace.install()
    from bot.commands.server import build_service, keep_out_of_collections
    from bot.settings import Settings
    from bot.store.db import Database

    settings = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=options.secret,
        slack_app_token=None,
        slack_api_url=options.api_url,
        database_url=options.database_url,
        port=0,
        default_tz=ZoneInfo("UTC"),
    )
    service = build_service(settings, Database(settings.database_url), run_sweeps=False, pace=0.0)
    await service.start(host="127.0.0.1", port=0)
    keep_out_of_collections()  # as `rapport serve` does once it listens
    _announce(service.port or 0)
    await stopping.wait()
    await service.stop()


def floor_app(secret: str, api_url: str, team_id: str, *, reply: bool = False) -> web.Application:
    """A minimal Bolt app served as bot/commands/server.py serves Rapport's. `reply`: after
    the ack, one ephemeral post to the command's response_url (bench/openloop.py's floor)."""

    async def authorize() -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=None,
            team_id=team_id,
            bot_token=BOT_TOKEN,
            bot_id="B_RAPPORT",
            bot_user_id="U_RAPPORT",
        )

    bolt = AsyncApp(
        signing_secret=secret,
        client=AsyncWebClient(token=BOT_TOKEN, base_url=api_url),
        authorize=authorize,
        process_before_response=False,
    )

    async def only_ack(ack: AsyncAck) -> None:
        await ack()

    async def ack_and_reply(ack: AsyncAck, respond: AsyncRespond) -> None:
        await ack()
        await respond(text="ok", response_type="ephemeral", replace_original=False)

    listener = ack_and_reply if reply else only_ack
    bolt.command("/customer")(listener)
    bolt.command("/log")(listener)

    async def slack_events(request: web.Request) -> web.StreamResponse:
        response = await bolt.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    app = web.Application()
    app.router.add_post(EVENTS_PATH, slack_events)
    return app


async def serve_floor(options: argparse.Namespace, stopping: asyncio.Event) -> None:
    runner = web.AppRunner(
        floor_app(
            options.secret, options.api_url, options.team_id, reply=options.kind == "floor-reply"
        ),
        access_log=None,
        handle_signals=False,
    )
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    _announce(runner.addresses[0][1])
    await stopping.wait()
    await runner.cleanup()


def _announce(port: int) -> None:
    if FREEZE:
        gc.freeze()
    print(json.dumps({"port": port}), flush=True)


FREEZE: list[bool] = []  # set by --gc-freeze


async def _main(options: argparse.Namespace, stalls: Stalls) -> None:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    loop.add_signal_handler(signal.SIGUSR1, stalls.reset)
    serve = serve_rapport if options.kind == "rapport" else serve_floor
    watch = asyncio.create_task(stalls.beat()) if options.profile else None
    if watch is not None:
        stalls.start_watchdog()
    await serve(options, stopping)
    if watch is not None:
        watch.cancel()
        stalls.stop_watchdog()


class Stalls:
    """Garbage collections; with a profile, event-loop lag and stacks of the loop's thread
    while it is stalled."""

    EVERY = 0.005  # the loop's timer
    STALLED = 0.020  # sample once the loop has not come round for this long

    def __init__(self, profiler: cProfile.Profile | None = None) -> None:
        self.profiler = profiler
        self.lags_ms: list[float] = []
        self.samples: Counter[tuple[str, ...]] = Counter()
        self.collections: list[tuple[int, float]] = []  # (generation, ms) of each GC run
        # each full collection: when it began (perf_counter: the machine's monotonic clock,
        # which a sender's timings can be set beside), ms, objects it freed
        self.full: list[tuple[float, float, int]] = []
        self._collecting = 0.0
        self._seen = time.perf_counter()
        self._thread_id = threading.get_ident()
        self._stop = threading.Event()
        self._watchdog: threading.Thread | None = None
        gc.callbacks.append(self._on_gc)

    async def beat(self) -> None:
        while True:
            began = time.perf_counter()
            self._seen = began
            await asyncio.sleep(self.EVERY)
            self.lags_ms.append((time.perf_counter() - began - self.EVERY) * 1000)

    def reset(self) -> None:
        """SIGUSR1: forget what came before (start-up, warm-up)."""
        self.lags_ms.clear()
        self.samples.clear()
        self.collections.clear()
        self.full.clear()
        if self.profiler is not None:
            self.profiler.clear()
        if "bench.latency_trace" in sys.modules:
            sys.modules["bench.latency_trace"].reset()

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        # The collector holds the GIL throughout: the watchdog cannot sample it.
        if phase == "start":
            self._collecting = time.perf_counter()
        else:
            elapsed = (time.perf_counter() - self._collecting) * 1000
            self.collections.append((info["generation"], elapsed))
            if info["generation"] == 2:
                self.full.append((self._collecting, elapsed, info["collected"]))

    def start_watchdog(self) -> None:
        self._watchdog = threading.Thread(target=self._watch, daemon=True)
        self._watchdog.start()

    def stop_watchdog(self) -> None:
        self._stop.set()
        if self._watchdog is not None:
            self._watchdog.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            if time.perf_counter() - self._seen > self.STALLED:
                frame = sys._current_frames().get(self._thread_id)
                if frame is not None:
                    self.samples[_stack(frame)] += 1

    def as_json(self) -> str:
        return json.dumps(
            {
                "lags_ms": sorted(self.lags_ms),
                "samples": [[list(k), n] for k, n in self.samples.most_common()],
                "collections": self.collections,
            }
        )


def _stack(frame: FrameType | None) -> tuple[str, ...]:
    """The frames of a stack, outermost first, as file:line(function)."""
    found = []
    while frame is not None:
        code = frame.f_code
        found.append(f"{code.co_filename}:{frame.f_lineno}({code.co_name})")
        frame = frame.f_back
    return tuple(reversed(found))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.latency_server")
    parser.add_argument("kind", choices=("rapport", "floor", "floor-reply"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--team-id", default="T0BENCH")
    parser.add_argument("--stats", help="write garbage-collection times here on exit")
    parser.add_argument("--profile", help="write cProfile stats here on exit")
    parser.add_argument("--trace", help="time the steps around the ack; write them here")
    parser.add_argument("--gc-freeze", action="store_true")
    options = parser.parse_args(argv)
    if options.kind == "rapport":  # as `rapport serve` does before it starts a thread
        from bot.process_memory import one_malloc_arena

        one_malloc_arena()
    if options.gc_freeze:
        FREEZE.append(True)
    profiler = cProfile.Profile() if options.profile else None
    stalls = Stalls(profiler)
    if profiler is not None:
        profiler.enable()
    try:
        asyncio.run(_main(options, stalls))
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(options.profile)
            Path(options.profile + ".stalls.json").write_text(stalls.as_json())
        if options.stats:
            found = {"collections": stalls.collections, "full": stalls.full}
            Path(options.stats).write_text(json.dumps(found))
        if options.trace:
            sys.modules["bench.latency_trace"].write(options.trace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
