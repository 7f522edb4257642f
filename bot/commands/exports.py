"""/customer export: the cards one may see, as a CSV file in a DM (files upload v2)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of
from bot.commands.customer import router
from bot.commands.deps import deps_of
from bot.commands.replies import person_of, respond_private
from bot.i18n import t
from bot.imports.export import EXPORT_WORDS, EXPORTS, team_customers
from bot.views.blocks import Reply


@router.subcommand("export", "导出")
async def export(
    ack: AsyncAck,
    rest: str,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    """`/customer export [contacts|logs]`: customers by default; in the person's language
    and time zone."""
    await ack()
    person = person_of(context)
    kind = EXPORT_WORDS.get(rest.strip().lower() or "customers")
    if kind is None:
        await respond_private(respond, Reply(t("export.usage", person.lang)))
        return
    async with deps_of(context).db.transaction() as session:
        gate = await gate_of(context, session)
        visible = await gate.visible(await team_customers(session, person.team_id))
        exported = await EXPORTS[kind](session, visible, person.lang, person.tz)
    try:
        opened = await client.conversations_open(users=person.user_id)
        await client.files_upload_v2(
            channel=opened["channel"]["id"],
            content=exported.text,
            filename=f"rapport-{kind}.csv",
            title=t(f"export.title.{kind}", person.lang),
        )
        reply = Reply(
            t(f"export.sent.{kind}", person.lang, count=exported.rows, customers=len(visible))
        )
    except SlackApiError as error:
        reply = Reply(t("export.failed", person.lang, error=error.response.get("error", "?")))
    await respond_private(respond, reply)
