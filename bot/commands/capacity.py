"""Slack's side of the one work queue (bot/workqueue.py): every listener takes a place when
its request arrives; with none left the person is told at once, in the ack where Slack lets
the ack carry a message, that Rapport is busy and nothing was saved.

A listener acknowledges first and works after; its `ack` is handed over wrapped, so that
once the ack is sent the work waits for a worker — the ack itself never waits. Work that must
be done before the ack (a form saved within Slack's three seconds) takes its worker through
`in_turn`. Events are acknowledged by Bolt before their listener runs: past capacity their
work is left out, with one log line (nothing a person sent is lost: events carry no input).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

from bot.i18n import Lang
from bot.people import Person
from bot.views.busy import build_busy_form_answer, build_busy_reply
from bot.workqueue import Ticket, WorkQueue

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
TICKET = "work_ticket"  # request context: the request's place in the work queue
KIND = "request_kind"  # request context: command, view_submission, block_actions, event…
VIEW = "submitted_view"  # request context: the form a view_submission submitted


class QueuedAck(AsyncAck):
    """Bolt's `ack`, which after sending the answer waits for the request's worker."""

    def __init__(self, inner: AsyncAck, ticket: Ticket) -> None:
        self._inner, self._ticket = inner, ticket

    @property
    def response(self) -> BoltResponse | None:
        return self._inner.response

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        self._inner.response = value

    async def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        answer = await self._inner(*args, **kwargs)
        await self._ticket.start()
        return answer


async def in_turn(context: AsyncBoltContext) -> None:
    """Wait for this request's worker (work done before the ack)."""
    ticket = context.get(TICKET)
    if isinstance(ticket, Ticket):
        await ticket.start()


async def when_turn_comes(context: AsyncBoltContext, work: Coroutine[Any, Any, R]) -> R:
    """`work`, once this request's worker is free: the work of an answer given before the
    ack (a form saved within Slack's three seconds, a read answered in the ack)."""
    await in_turn(context)
    return await work


def queued(
    queue: WorkQueue, func: Callable[P, Awaitable[R]]
) -> Callable[P, Coroutine[Any, Any, R | None]]:
    @functools.wraps(func)
    async def listener(*args: P.args, **kwargs: P.kwargs) -> R | None:
        bolt: dict[str, Any] = kwargs  # the arguments Bolt passes by name
        ticket = queue.admit()
        if ticket is None:
            await _refuse(bolt)
            return None
        context = bolt.get("context")
        if context is not None:
            context[TICKET] = ticket
        ack = bolt.get("ack")
        try:
            if isinstance(ack, AsyncAck):
                bolt["ack"] = QueuedAck(ack, ticket)
            else:  # an event, acknowledged by Bolt already
                await ticket.start()
            return await func(*args, **kwargs)
        finally:
            ticket.finish()

    return listener


async def note_request(
    body: dict[str, Any], context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]
) -> Any:
    """Middleware: what kind of request this is (and a form's view), for a refusal to answer
    it as Slack expects whatever arguments its listener declares."""
    context[KIND] = "command" if "command" in body else str(body.get("type") or "event")
    if body.get("type") == "view_submission":
        context[VIEW] = body.get("view")
    return await next()


async def _refuse(bolt: dict[str, Any]) -> None:
    context: AsyncBoltContext | None = bolt.get("context")
    if context is None:
        log.warning("busy: refused a request")
        return
    person: Person | None = context.get("person")
    lang: Lang = person.lang if person else "en"
    kind = context.get(KIND, "request")
    log.warning("busy: refused a %s, every worker and waiting place taken", kind)
    ack = context.ack
    if ack is None or ack.response is not None:  # an event: Bolt acknowledged it already
        return
    reply = build_busy_reply(lang)
    if kind == "view_submission":
        await ack(**build_busy_form_answer(context.get(VIEW), lang))
    elif kind == "command":
        await ack(response_type="ephemeral", **reply.as_message())
    else:  # a click or a shortcut: its ack carries no message
        await ack()
        await _tell(context, reply.as_message())


async def _tell(context: AsyncBoltContext, message: dict[str, Any]) -> None:
    try:
        if context.respond is not None and context.response_url:
            await context.respond(response_type="ephemeral", replace_original=False, **message)
        elif context.user_id:
            await context.client.chat_postMessage(channel=context.user_id, **message)
    except Exception:
        log.warning("could not tell a person that Rapport was busy")
