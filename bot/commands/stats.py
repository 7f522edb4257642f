"""/customer stats: the figures, Share in channel, Export CSV, and the charts — drawn in a
worker thread after the figures are answered and uploaded as Slack files, so a chart that
fails leaves the figures standing. Each listener: ack, read, one use case, build, respond."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.customers import stats_cases
from bot.customers.stats_cases import TeamStats
from bot.imports.stats_export import stats_csv
from bot.inflight import InFlight
from bot.views import ids
from bot.views.charts import stats_charts
from bot.views.exports import build_export_failed
from bot.views.stats import (
    build_charts,
    build_charts_failed,
    build_stats,
    build_stats_csv_sent,
    stats_file_title,
)

log = logging.getLogger(__name__)
Body = dict[str, Any]


@router.subcommand("stats", "统计")
async def stats(
    ack: AsyncAck,
    rest: str,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """`/customer stats [team] [@person] [phase] [status] [tier A] [city]`."""
    await ack()
    actor = await actor_of(context)
    found = await stats_cases.team_stats(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_stats(found, actor.lang))
    await _charts(found, actor, client, respond, shared=False)


async def stats_shared(
    ack: AsyncAck,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """Share in channel: the figures as of now, for everyone in the channel."""
    await ack()
    actor = await actor_of(context)
    found = await stats_cases.team_stats(deps_of(context).db, actor=actor, text=_filters(action))
    reply = build_stats(found, actor.lang, shared_by=actor.user_id)
    await respond(response_type="in_channel", replace_original=False, **reply.as_message())
    await _charts(found, actor, client, respond, shared=True)


async def stats_exported(
    ack: AsyncAck,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """Export CSV: the same figures as a file in the person's DMs."""
    await ack()
    actor = await actor_of(context)
    found = await stats_cases.team_stats(deps_of(context).db, actor=actor, text=_filters(action))
    error = await _send_csv(client, actor, stats_csv(found, actor.lang))
    reply = build_export_failed(error, actor.lang) if error else build_stats_csv_sent(actor.lang)
    await respond_private(respond, reply)


def _filters(action: Body) -> str:
    value = str(action.get("value", ""))
    return "" if value == "-" else value


async def _charts(
    found: TeamStats, actor: Actor, client: AsyncWebClient, respond: AsyncRespond, *, shared: bool
) -> None:
    if found.figures is None:
        return
    try:
        charts = await asyncio.to_thread(stats_charts, found.figures, actor.lang)
        uploaded = []
        for chart in charts:
            sent = await client.files_upload_v2(
                content=chart.png, filename=chart.filename, title=chart.title, alt_txt=chart.alt
            )
            uploaded.append((chart.title, chart.alt, _file_id(sent)))
    except Exception:  # the figures are answered already: say the charts are missing
        log.warning("stats charts could not be made or uploaded", exc_info=True)
        await respond_private(respond, build_charts_failed(actor.lang))
        return
    reply = build_charts(uploaded, actor.lang, shared_by=actor.user_id if shared else "")
    if shared:
        await respond(response_type="in_channel", replace_original=False, **reply.as_message())
    else:
        await respond_private(respond, reply)


def _file_id(sent: Any) -> str:
    file = sent.get("file") or (sent.get("files") or [{}])[0]
    return str(file["id"])


async def _send_csv(client: AsyncWebClient, actor: Actor, text: str) -> str:
    """The CSV in a DM to the actor; Slack's error code if it refused ("" when sent)."""
    try:
        opened = await client.conversations_open(users=actor.user_id)
        await client.files_upload_v2(
            channel=opened["channel"]["id"],
            content=text,
            filename="rapport-stats.csv",
            title=stats_file_title(actor.lang),
        )
    except SlackApiError as refused:
        return str(refused.response.get("error", "?"))
    return ""


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.STATS_SHARE)(guarded(inflight, stats_shared))
    app.action(ids.STATS_EXPORT)(guarded(inflight, stats_exported))
