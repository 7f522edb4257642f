"""/customer pipeline: the forecast of the deals one may see, its CSV and its chart (both
sent by DM: a file posted where the command was typed would show to the whole channel).
Each listener: ack, read, one use case, build, respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import Args, router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.imports.sales_export_cases import export_pipeline
from bot.inflight import InFlight
from bot.sales import forecast_cases, stage_cases
from bot.sales.forecast import CSV_WORDS
from bot.views import ids
from bot.views.pipeline import build_pipeline, build_pipeline_settings, read_pipeline_value
from bot.views.pipeline_chart import forecast_chart
from bot.views.sales_files import (
    build_chart_sent,
    build_no_chart,
    build_pipeline_csv_sent,
    build_send_failed,
    chart_file_name,
    pipeline_file_name,
)


@router.subcommand("pipeline", "预测", "销售预测")
async def pipeline(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer pipeline [@li | team @zhao | mine] [stage] [2026-12] [csv]`."""
    await ack()
    if any(word.lower() in CSV_WORDS for word in rest.split()):
        await _send_csv(rest, context, respond)
        return
    actor = await actor_of(context)
    forecast = await forecast_cases.show_pipeline(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_pipeline(forecast, actor.lang))


async def csv_pressed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*CSV* under a forecast: its deals, by DM."""
    await ack()
    await _send_csv(read_pipeline_value(action), context, respond)


async def chart_pressed(
    ack: AsyncAck,
    action: Args,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """*Chart* under a forecast: the months of expected close as bars, by DM."""
    await ack()
    actor = await actor_of(context)
    forecast = await forecast_cases.show_pipeline(
        deps_of(context).db, actor=actor, text=read_pipeline_value(action)
    )
    image = forecast_chart(forecast)
    if image is None:
        await respond_private(respond, build_no_chart(actor.lang))
        return
    error = await _dm_file(
        client, actor, image, chart_file_name(), build_chart_sent(actor.lang).text
    )
    reply = build_send_failed(error, actor.lang) if error else build_chart_sent(actor.lang)
    await respond_private(respond, reply)


async def _send_csv(text: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    actor = await actor_of(context)
    words = " ".join(w for w in text.split() if w.lower() not in CSV_WORDS)
    exported = await export_pipeline(deps_of(context).db, actor=actor, text=words)
    error = await _dm_file(
        context.client, actor, exported.text, pipeline_file_name(), pipeline_file_name()
    )
    reply = (
        build_send_failed(error, actor.lang)
        if error
        else build_pipeline_csv_sent(exported.rows, actor.lang)
    )
    await respond_private(respond, reply)


async def _dm_file(
    client: AsyncWebClient, actor: Actor, content: str | bytes, filename: str, title: str
) -> str | None:
    """The file in a DM to the actor; Slack's error code if it refused."""
    try:
        opened = await client.conversations_open(users=actor.user_id)
        channel = opened["channel"]["id"]
        if isinstance(content, bytes):
            await client.files_upload_v2(
                channel=channel, file=content, filename=filename, title=title
            )
        else:
            await client.files_upload_v2(
                channel=channel, content=content, filename=filename, title=title
            )
    except SlackApiError as refused:
        return str(refused.response.get("error", "?"))
    return None


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.PIPELINE_CSV)(guarded(inflight, csv_pressed))
    app.action(ids.PIPELINE_CHART)(guarded(inflight, chart_pressed))


@router.subcommand("stages", "阶段设置")
async def stages(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """`/customer stages` shows the pipeline; admins change it: `set …`, `stale …`,
    `currency …`."""
    await ack()
    actor = await actor_of(context)
    shown = await stage_cases.pipeline_settings(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_pipeline_settings(shown, actor.lang))
