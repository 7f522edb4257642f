"""A tiny round-robin HTTP proxy on loopback, standing in for deploy/compose.yaml's Caddy in
scripts/drill: requests go to the replicas in turn; when a replica refuses the connection or
drops it before answering, the request goes to the next one (Caddy's lb_try_duration with
lb_retry_match for POST, as deploy/Caddyfile has it) and the replica is left out until its
/healthz answers 200 again."""

from __future__ import annotations

import asyncio
import itertools
from contextlib import suppress

from aiohttp import (
    ClientConnectorError,
    ClientOSError,
    ClientSession,
    ClientTimeout,
    ServerDisconnectedError,
    web,
)

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class RoundRobin:
    def __init__(self, upstreams: list[str], *, check_every: float = 1.0) -> None:
        self.upstreams = upstreams
        self.down: set[str] = set()
        self.check_every = check_every
        self._turn = itertools.cycle(range(len(upstreams)))
        self._session: ClientSession | None = None
        self._checker: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.retried = 0

    async def start(self) -> str:
        self._session = ClientSession(timeout=ClientTimeout(total=30))
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        self._checker = asyncio.create_task(self._check())
        return self.url

    async def stop(self) -> None:
        if self._checker is not None:
            self._checker.cancel()
            with suppress(asyncio.CancelledError):
                await self._checker
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        for attempt in range(len(self.upstreams)):
            upstream = self._next()
            url = upstream + request.path_qs
            try:
                async with self._session.request(
                    request.method, url, data=body, headers=headers
                ) as answer:
                    content = await answer.read()
                    kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
                    return web.Response(status=answer.status, body=content, headers=kept)
            except (ClientConnectorError, ServerDisconnectedError, ClientOSError):
                self.down.add(upstream)
                self.retried += attempt == 0
        return web.Response(status=502, text="no replica answered")

    def _next(self) -> str:
        for _ in range(len(self.upstreams)):
            upstream = self.upstreams[next(self._turn)]
            if upstream not in self.down:
                return upstream
        return self.upstreams[next(self._turn)]

    async def _check(self) -> None:
        assert self._session is not None
        while True:
            await asyncio.sleep(self.check_every)
            for upstream in self.upstreams:
                try:
                    async with self._session.get(upstream + "/healthz") as answer:
                        ready = answer.status == 200
                except Exception:
                    ready = False
                if ready:
                    self.down.discard(upstream)
                else:
                    self.down.add(upstream)
