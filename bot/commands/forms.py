"""Answering a form within Slack's three seconds (issue 15 item 9).

Slack waits three seconds for the answer to a view_submission, then shows the person an
error and invites them to submit again — although the save may finish. So the work before
the answer is bounded:
- a form whose answer needs nothing from the database (its field rules are pure) is checked,
  answered, then saved (`ack()` first in its listener);
- a form whose answer may need the database (a likely duplicate, a card that went away) is
  saved with a deadline, `saved_in_time`: answered with the outcome when the save is quick;
  otherwise answered with a "still saving" note in place of the form, the outcome told by
  message when the save is done. Never no answer.
Either way a submission Slack sends again is saved once (bot/customers/submissions.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands.capacity import when_turn_comes
from bot.commands.deps import deps_of
from bot.commands.entry import seconds_left
from bot.i18n import Lang
from bot.views.saving import build_still_saving

T = TypeVar("T")


async def saved_in_time(
    ack: AsyncAck, context: AsyncBoltContext, lang: Lang, save: Coroutine[Any, Any, T]
) -> T:
    """What `save` returns, the form answered: emptied when it is done in time (closing the
    form), or "still saving" when it is not. A refusal in time is not answered here: it
    reaches `reported` (bot/commands/errors.py), which shows it under the form's fields
    before the ack, or tells it by message after."""
    saving = asyncio.ensure_future(when_turn_comes(context, save))
    left = seconds_left(context, deps_of(context).settings.form_deadline)
    done, _ = await asyncio.wait({saving}, timeout=left)
    if not done:
        await ack(response_action="update", view=build_still_saving(lang))
    elif saving.exception() is None:
        await ack()
    return await saving
