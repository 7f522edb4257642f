"""/customer brief: the weekly brief of the channel it is typed in."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands.customer import router
from bot.commands.deps import deps_of, now_of
from bot.commands.replies import ack_ephemeral, person_of
from bot.i18n import t
from bot.jobs.briefs import configure_brief, read_brief_setting
from bot.views.blocks import Reply


@router.subcommand("brief", "简报")
async def brief(
    ack: AsyncAck, rest: str, command: dict[str, Any], context: AsyncBoltContext, **_: Any
) -> None:
    person = person_of(context)
    setting = read_brief_setting(rest)
    if setting is None:
        await ack_ephemeral(ack, Reply(t("brief.usage", person.lang)))
        return
    enabled, weekday, hour = setting
    async with deps_of(context).db.transaction(write=True) as session:
        schedule = await configure_brief(
            session,
            team_id=person.team_id,
            channel_id=command["channel_id"],
            actor_id=person.user_id,
            locale="zh-CN" if person.lang == "zh" else "en-US",
            tz=person.tz.key,
            enabled=enabled,
            weekday=weekday,
            hour=hour,
            now=now_of(context),
        )
    state = (
        t(
            "brief.state_on",
            person.lang,
            day=t(f"weekday.{schedule.weekday}", person.lang),
            hour=schedule.hour,
            tz=schedule.tz,
        )
        if schedule.enabled
        else t("brief.state_off", person.lang)
    )
    await ack_ephemeral(ack, Reply(t("brief.settings", person.lang, state=state)))
