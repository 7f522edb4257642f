"""The last line of defence: no exception reaches a person as a 500, a 404 or silence; and
the one place where a use case's refusal (bot/errors.py) becomes a reply."""

from __future__ import annotations

import functools
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.commands.capacity import queued
from bot.errors import DomainError, Invalid
from bot.i18n import Lang
from bot.inflight import InFlight
from bot.people import Person
from bot.store.races import taken_at_once
from bot.store.saves import saves_made, watch_saves
from bot.views.blocks import Reply
from bot.views.busy import build_busy_form_answer, build_busy_reply
from bot.views.customer_errors import form_errors
from bot.views.errors import build_error_after_save, build_error_modal, build_error_reply
from bot.views.outgoing import quiet
from bot.views.refusals import build_refusal

log = logging.getLogger(__name__)
_DATABASE_ERRORS = (OperationalError, InterfaceError, DBAPIError, ConnectionError, OSError)
_LOAD_SIGNS = ("database is locked", "database table is locked", "too many clients")
_LOAD_CODES = ("53300", "40P01", "40001", "55P03")
P = ParamSpec("P")
R = TypeVar("R")
SUBCOMMAND = "subcommand"  # context key: the /customer subcommand being run, for its wording


def is_load(error: BaseException) -> bool:
    """A condition of load, not a fault: no pool connection in time, no write turn in time
    (bot/store/write_turns.py TurnTimeout, a kind of the pool's), SQLite's write lock not had
    within its busy timeout, a server out of connections or a lock/serialization conflict.
    Its transaction was rolled back, so nothing was saved, and sending again will work."""
    if isinstance(error, PoolTimeout):
        return True
    if isinstance(error, DBAPIError):
        text = str(error.orig).lower()
        # PostgreSQL's codes: too many connections, deadlock, serialization, lock not had
        # (SQLAlchemy's asyncpg adapter gives its errors as one class, with the code)
        code = getattr(error.orig, "sqlstate", None)
        return any(sign in text for sign in _LOAD_SIGNS) or code in _LOAD_CODES
    return False


def _busy(error: Exception) -> bool:
    """Refused for load with nothing of the work saved: to be sent again as it was."""
    return is_load(error) and not saves_made()


def _saved_meanwhile(error: Exception) -> bool:
    """One of the unique values two people may save at the same moment (bot/store/races.py),
    refused because another transaction committed it after this one's checks had found it
    free: rolled back, nothing of it saved, and sent again it meets the other's save
    (refused, or saved after it, as its rules say)."""
    return isinstance(error, IntegrityError) and not saves_made() and taken_at_once(error)


def _not_saved(error: Exception) -> str | None:
    """The message key for an error that saved nothing and that sending again resolves."""
    if _busy(error):
        return "busy.refused"
    return "busy.saved_meanwhile" if _saved_meanwhile(error) else None


def _reply_for(error: Exception, context: AsyncBoltContext | None) -> tuple[Reply, Lang]:
    person: Person | None = context.get("person") if context is not None else None
    lang: Lang = person.lang if person else "en"
    key = _not_saved(error)
    if key is not None:  # one line, no traceback: the person is told to send it again
        log.warning("%s: not saved, %s: %s", key, type(error).__name__, str(error).split("\n")[0])
        return build_busy_reply(lang, key=key), lang
    reference = uuid.uuid4().hex[:8]
    if saves_made():  # never "nothing was saved": sent again, it would be saved twice
        log.error("error after a save (ref %s)", reference, exc_info=error)
        return build_error_after_save(lang, reference=reference), lang
    log.error("unhandled error (ref %s)", reference, exc_info=error)
    # a constraint's refusal is the database answering, not the database out of reach
    down = isinstance(error, _DATABASE_ERRORS) and not isinstance(error, IntegrityError)
    reply = build_error_reply(lang, database_down=down, reference=reference)
    return reply, lang


async def handle_error(
    error: Exception,
    body: dict[str, Any],
    context: AsyncBoltContext,
    response: BoltResponse | None,
    respond: AsyncRespond | None,
    client: AsyncWebClient,
) -> BoltResponse | None:
    """Bolt's global error handler: errors before the ack are answered in the HTTP response."""
    reply, lang = _reply_for(error, context)
    if response is not None:
        key = _not_saved(error)
        if body.get("type") == "view_submission" and key is not None:  # keep what was typed
            payload = build_busy_form_answer(body.get("view"), lang, key=key)
        elif body.get("type") == "view_submission":
            payload = {"response_action": "update", "view": build_error_modal(reply, lang)}
        else:
            payload = {"response_type": "ephemeral", **reply.as_message()}
        return BoltResponse(
            status=200,
            body=json.dumps(quiet(payload, "error answer")),
            headers={"content-type": "application/json"},
        )
    await _tell(reply, context=context, respond=respond, client=client)
    return None


def reported(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R | None]]:
    """Refusals and errors after the ack are told to the person here, not left to Bolt: Bolt's
    runner forgets an ack that an error follows within its polling interval and answers 404."""

    @functools.wraps(func)
    async def listener(*args: P.args, **kwargs: P.kwargs) -> R | None:
        bolt: dict[str, Any] = kwargs  # the arguments Bolt passes by name
        watch_saves()  # an error after a save says so (here, and in handle_error before the ack)
        try:
            return await func(*args, **kwargs)
        except DomainError as refusal:
            context = bolt.get("context")
            person: Person | None = context.get("person") if context is not None else None
            lang = person.lang if person else "en"
            command = context.get(SUBCOMMAND) if context is not None else None
            ack = bolt.get("ack")
            if ack is not None and ack.response is None:  # refused before the ack: say it there
                await ack(**refusal_ack(refusal, lang, command=command, form="view" in bolt))
                return None
            reply = build_refusal(refusal, lang, command=command)
            await _tell(
                reply, context=context, respond=bolt.get("respond"), client=bolt.get("client")
            )
            return None
        except Exception as error:
            ack = bolt.get("ack")
            if ack is not None and ack.response is None:
                raise  # not acknowledged yet: Bolt answers through handle_error
            reply, _ = _reply_for(error, bolt.get("context"))
            await _tell(
                reply,
                context=bolt.get("context"),
                respond=bolt.get("respond"),
                client=bolt.get("client"),
            )
            return None

    return listener


def refusal_ack(
    refusal: DomainError, lang: Lang, *, command: str | None, form: bool
) -> dict[str, Any]:
    """What to acknowledge with: a form's field errors (Slack shows them under the fields),
    or the refusal in place of the form, or an ephemeral message for a command."""
    if form and isinstance(refusal, Invalid):
        return {"response_action": "errors", "errors": form_errors(refusal.errors, lang)}
    reply = build_refusal(refusal, lang, command=command)
    if form:
        return {"response_action": "update", "view": build_error_modal(reply, lang)}
    return {"response_type": "ephemeral", **reply.as_message()}


async def _tell(
    reply: Reply,
    *,
    context: AsyncBoltContext | None,
    respond: AsyncRespond | None,
    client: AsyncWebClient | None,
) -> None:
    try:
        if respond is not None:
            await respond(response_type="ephemeral", replace_original=False, **reply.as_message())
        elif client is not None and context is not None and context.user_id:
            await client.chat_postMessage(channel=context.user_id, **reply.as_message())
    except Exception:
        log.exception("could not tell the user about an error")


def guarded(
    inflight: InFlight, func: Callable[P, Awaitable[R]]
) -> Callable[P, Coroutine[Any, Any, R | None]]:
    """How every listener is registered: tracked for shutdown, errors told to the person,
    one log line when its work is done (with the request's id, as the ack's line), and its
    work through the one bounded queue (refused at once past capacity)."""
    return inflight.track(timed(reported(queued(inflight.queue, func))))


def timed(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def listener(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            return await func(*args, **kwargs)
        finally:
            took = (time.perf_counter() - started) * 1000
            log.info("replied: %s in %.0f ms", getattr(func, "__name__", "listener"), took)

    return listener
