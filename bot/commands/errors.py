"""The last line of defence: no exception reaches a person as a 500 or as silence."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.people import Person
from bot.views.errors import build_error_modal, build_error_reply

log = logging.getLogger(__name__)
_DATABASE_ERRORS = (OperationalError, InterfaceError, DBAPIError, ConnectionError, OSError)


async def handle_error(
    error: Exception,
    body: dict[str, Any],
    context: AsyncBoltContext,
    response: BoltResponse | None,
    respond: AsyncRespond | None,
    client: AsyncWebClient,
) -> BoltResponse | None:
    reference = uuid.uuid4().hex[:8]
    log.error("unhandled error (ref %s)", reference, exc_info=error)
    person: Person | None = context.get("person")
    lang = person.lang if person else "en"
    reply = build_error_reply(
        lang, database_down=isinstance(error, _DATABASE_ERRORS), reference=reference
    )
    if response is not None:  # not acknowledged yet: the HTTP answer carries the message
        if body.get("type") == "view_submission":
            payload = {"response_action": "update", "view": build_error_modal(reply, lang)}
        else:
            payload = {"response_type": "ephemeral", **reply.as_message()}
        return BoltResponse(
            status=200, body=json.dumps(payload), headers={"content-type": "application/json"}
        )
    try:
        if respond is not None:
            await respond(response_type="ephemeral", replace_original=False, **reply.as_message())
        elif context.user_id:
            await client.chat_postMessage(channel=context.user_id, **reply.as_message())
    except Exception:
        log.exception("could not tell the user about error %s", reference)
    return None
