"""Our middlewares run in their order as one of Bolt's, each given what it asks for; one
that does not go on ends the request as it did under Bolt (issue 17: Bolt built each one's
arguments from its signature at every request)."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.middleware_chain import MiddlewareChain, Next
from tests.commands.test_errors import bare_app, command_request


def app_with(*steps: Any) -> tuple[AsyncApp, list[str]]:
    app, heard = bare_app(), []
    app.middleware(MiddlewareChain(steps))

    @app.command("/customer")
    async def listener(ack: Any, context: AsyncBoltContext) -> None:
        heard.append(f"listener saw {context.get('seen')}")
        await ack(text="done")

    return app, heard


async def test_each_middleware_runs_in_order_with_what_it_asks_for() -> None:
    seen: list[str] = []

    async def first(body: dict[str, Any], context: AsyncBoltContext, next: Next) -> Any:
        seen.append(f"first: {body['command']} {body['text']}")
        context["client"] = AsyncWebClient(token="xoxb-guarded")  # as our guard does
        return await next()

    async def second(context: AsyncBoltContext, client: AsyncWebClient, next: Next) -> Any:
        seen.append(f"second: {context.user_id} with a web client {client.token}")
        context["seen"] = "second"
        return await next()

    app, heard = app_with(first, second)
    response = await app.async_dispatch(command_request())

    assert (response.status, response.body) == (200, "done")
    # the client as the context holds it when the middleware runs, not as Bolt made it
    assert seen == ["first: /customer x", "second: U_WANG with a web client xoxb-guarded"]
    assert heard == ["listener saw second"]


async def test_a_middleware_that_does_not_go_on_ends_the_request_with_its_answer() -> None:
    later: list[str] = []

    async def refusing(body: dict[str, Any], next: Next) -> Any:
        return BoltResponse(status=200, body="refused here")

    async def after(next: Next) -> Any:
        later.append("ran")
        return await next()

    app, heard = app_with(refusing, after)
    response = await app.async_dispatch(command_request())

    assert (response.status, response.body) == (200, "refused here")
    assert later == [] and heard == []


def test_a_middleware_asking_for_what_the_chain_cannot_give_is_refused_when_built() -> None:
    async def wants_say(say: Any, next: Next) -> Any:
        return await next()

    async def never_goes_on(body: dict[str, Any]) -> Any:
        return None

    def not_async(body: dict[str, Any], next: Next) -> Any:
        return next()

    for step in (wants_say, never_goes_on, not_async):
        with pytest.raises(TypeError, match=step.__name__):
            MiddlewareChain([step])
