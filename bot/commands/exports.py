"""/customer export: the cards one may see, as a CSV file in a DM (files upload v2). The file
is built in one transaction (bot/imports/export_cases.py) and sent after it has ended."""

from __future__ import annotations

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import router
from bot.commands.deps import deps_of
from bot.commands.replies import respond_private
from bot.imports.export_cases import CardsExport, export_cards
from bot.views.exports import (
    build_export_failed,
    build_export_sent,
    export_file_name,
    export_file_title,
)


@router.subcommand("export", "导出")
async def export(
    ack: AsyncAck,
    rest: str,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """`/customer export [contacts|logs]`: customers by default; in the person's language
    and time zone."""
    await ack()
    actor = await actor_of(context)
    exported = await export_cards(deps_of(context).db, actor=actor, text=rest)
    error = await _send_file(client, actor, exported)
    if error is not None:
        await respond_private(respond, build_export_failed(error, actor.lang))
        return
    sent = build_export_sent(
        exported.kind, rows=exported.csv.rows, customers=exported.customers, lang=actor.lang
    )
    await respond_private(respond, sent)


async def _send_file(client: AsyncWebClient, actor: Actor, exported: CardsExport) -> str | None:
    """The file in a DM to the actor; Slack's error code if it refused."""
    try:
        opened = await client.conversations_open(users=actor.user_id)
        await client.files_upload_v2(
            channel=opened["channel"]["id"],
            content=exported.csv.text,
            filename=export_file_name(exported.kind),
            title=export_file_title(exported.kind, actor.lang),
        )
    except SlackApiError as refused:
        return str(refused.response.get("error", "?"))
    return None
