"""`/customer brief …`: the weekly brief of the channel it is typed in, on, off or moved."""

from __future__ import annotations

from bot.actor import Actor
from bot.customers.cadence import DEFAULT_HOUR, DEFAULT_WEEKDAY, next_run
from bot.dates.rules import WEEKDAYS_EN, WEEKDAYS_ZH
from bot.errors import Invalid, Message
from bot.store.db import Database
from bot.store.models import Schedule
from bot.store.schedules import schedule_of

ON_WORDS = (["on"], ["开启"], ["开"])
OFF_WORDS = (["off"], ["关闭"], ["关"])


def read_brief_setting(text: str) -> tuple[bool | None, int | None, int | None] | None:
    """`on`, `off`, `friday 16`, `周五 16` → (enabled, weekday, hour); None if unreadable."""
    words = text.strip().lower().split()
    if words in ON_WORDS:
        return True, None, None
    if words in OFF_WORDS:
        return False, None, None
    # isdecimal, not isdigit: ① and ² are digits that int() cannot read
    if len(words) != 2 or not words[1].isdecimal() or not 0 <= int(words[1]) <= 23:
        return None
    day = words[0].removeprefix("周").removeprefix("星期").removeprefix("礼拜")
    weekday = WEEKDAYS_EN.get(day, WEEKDAYS_ZH.get(day))
    return (True, weekday, int(words[1])) if weekday is not None else None


async def configure_brief(db: Database, *, actor: Actor, channel_id: str, text: str) -> Schedule:
    """Turn the channel's brief on or off, or move it to a day and hour in the actor's zone
    (a channel speaks the language of whoever set it)."""
    setting = read_brief_setting(text)
    if setting is None:
        raise Invalid({"text": Message("brief.usage")})
    enabled, weekday, hour = setting
    tz, locale = actor.tz.key, "zh-CN" if actor.lang == "zh" else "en-US"
    async with db.transaction(write=True) as session:
        schedule = await schedule_of(
            session=session, team_id=actor.team_id, kind="brief", target=channel_id
        ) or Schedule(
            team_id=actor.team_id,
            kind="brief",
            target=channel_id,
            tz=tz,
            locale=locale,
            next_run_at=next_run(DEFAULT_WEEKDAY, DEFAULT_HOUR, tz, actor.now),
        )
        if enabled is not None:
            schedule.enabled = enabled
        if weekday is not None and hour is not None:
            schedule.weekday, schedule.hour, schedule.tz, schedule.locale = (
                weekday,
                hour,
                tz,
                locale,
            )
        schedule.next_run_at = next_run(schedule.weekday, schedule.hour, schedule.tz, actor.now)
        schedule.updated_by = actor.user_id
        session.add(schedule)
        await session.flush()
        return schedule
