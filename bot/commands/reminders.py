"""The buttons on reminder DMs: Done and Snooze 1 day (Reschedule opens the time modal)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.replies import person_of
from bot.dates.display import format_moment
from bot.i18n import t
from bot.inflight import InFlight
from bot.logs.records import RecordNotFound, complete_follow_up, move_follow_up
from bot.store.records import get_follow_up
from bot.views import ids

SNOOZE = timedelta(days=1)


async def reminder_button(
    ack: AsyncAck, action: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    person, now, follow_up_id = person_of(context), now_of(context), int(action["value"])
    try:
        async with deps_of(context).db.transaction(write=True) as session:
            if action["action_id"] == ids.REMINDER_DONE:
                done = await complete_follow_up(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    follow_up_id=follow_up_id,
                    now=now,
                )
                text = t("reminder.marked_done", person.lang, title=done.title)
            else:
                current = await get_follow_up(
                    session=session, team_id=person.team_id, follow_up_id=follow_up_id
                )
                if current is None:
                    raise RecordNotFound(follow_up_id)
                moved = await move_follow_up(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    follow_up_id=follow_up_id,
                    due_at=max(current.due_at, now) + SNOOZE,
                    now=now,
                )
                text = t(
                    "reminder.snoozed",
                    person.lang,
                    title=moved.title,
                    when=format_moment(moved.due_at, person.lang, person.tz),
                )
    except RecordNotFound:
        text = t("log.gone", person.lang)
    await respond(text=text, replace_original=True)


def register(app: AsyncApp, inflight: InFlight) -> None:
    for action_id in (ids.REMINDER_DONE, ids.REMINDER_SNOOZE):
        app.action(action_id)(guarded(inflight, reminder_button))
