"""/customer merge, unmerge and value; the merge confirmation and the value modal."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of, is_admin, not_allowed, require_edit_in_form
from bot.commands.customer import router
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, person_of, respond_private, tell_user
from bot.customers.cards import CardNotFound, load_card
from bot.customers.form import FormInvalid
from bot.customers.merge import merge, preview_merge, undo_merge
from bot.customers.search import resolve_customer
from bot.customers.value import FACTORS, assess
from bot.i18n import t
from bot.inflight import InFlight
from bot.store.customers import get_customer_by_handle
from bot.views import ids
from bot.views.blocks import Reply, escape
from bot.views.customer_card import build_archived
from bot.views.customer_errors import form_errors, render_message
from bot.views.customer_modal import read_metadata
from bot.views.inputs import state_text
from bot.views.merges import build_merge_preview, build_value_modal

_INTO = re.compile(r"\s+(?:into|to|并入|合并到|到)\s+", re.IGNORECASE)


@router.subcommand("merge", "合并")
async def merge_command(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    """`/customer merge HP2 into HP`: a preview with a Merge button."""
    await ack()
    person = person_of(context)
    names = _INTO.split(rest.strip(), maxsplit=1)
    if len(names) != 2 or not all(names):
        await respond_private(respond, Reply(t("merge.usage", person.lang)))
        return
    async with deps_of(context).db.transaction() as session:
        gate = await gate_of(context, session)
        pair = [
            await resolve_customer(session=session, team_id=person.team_id, text=name, gate=gate)
            for name in names
        ]
        unknown = [name for name, found in zip(names, pair, strict=True) if not found.customer]
        archived = next((found.archived for found in pair if found.archived), None)
        if archived is not None:
            reply = build_archived(archived, person.lang)
        elif unknown:
            reply = Reply(t("customer.not_found", person.lang, text=escape(unknown[0])))
        elif not all([await gate.may_edit(found.customer) for found in pair]):
            reply = not_allowed(pair[0].customer, person.lang)
        else:
            try:
                preview = await preview_merge(
                    session=session,
                    team_id=person.team_id,
                    duplicate_id=pair[0].customer.id,
                    kept_id=pair[1].customer.id,
                )
                reply = build_merge_preview(preview, person.lang)
            except FormInvalid as invalid:
                reply = _said(invalid, person.lang)
    await respond_private(respond, reply)


@router.subcommand("unmerge", "撤销合并")
async def unmerge_command(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    """Admins: `/customer unmerge HP2` undoes the merge of HP2."""
    await ack()
    person = person_of(context)
    if not is_admin(context):
        await respond_private(respond, Reply(t("access.admins_only", person.lang)))
        return
    async with deps_of(context).db.transaction(write=True) as session:
        duplicate = await get_customer_by_handle(
            session=session, team_id=person.team_id, handle=rest.strip()
        )
        try:
            if duplicate is None:
                raise CardNotFound(rest)
            await undo_merge(
                session=session,
                team_id=person.team_id,
                actor_id=person.user_id,
                duplicate_id=duplicate.id,
                now=now_of(context),
            )
            reply = Reply(t("merge.undone", person.lang, duplicate=duplicate.legal_name))
        except CardNotFound:
            reply = Reply(t("customer.not_found", person.lang, text=rest.strip()))
        except FormInvalid as invalid:
            reply = _said(invalid, person.lang)
    await respond_private(respond, reply)


async def merge_confirmed(
    ack: AsyncAck, action: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    person = person_of(context)
    duplicate_id, _, kept_id = action["value"].partition(":")
    async with deps_of(context).db.transaction(write=True) as session:
        gate = await gate_of(context, session)
        try:
            cards = [
                await load_card(
                    session=session, team_id=person.team_id, customer_id=int(i), gate=gate
                )
                for i in (duplicate_id, kept_id)
            ]
            if not all([await gate.may_edit(card.customer) for card in cards]):
                reply = not_allowed(cards[0].customer, person.lang)
            else:
                await merge(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    duplicate_id=int(duplicate_id),
                    kept_id=int(kept_id),
                    now=now_of(context),
                )
                reply = Reply(
                    t(
                        "merge.done",
                        person.lang,
                        duplicate=cards[0].customer.legal_name,
                        kept=cards[1].customer.legal_name,
                    )
                )
        except CardNotFound:
            reply = Reply(t("customer.gone", person.lang))
        except FormInvalid as invalid:
            reply = _said(invalid, person.lang)
    await respond(text=reply.text, replace_original=True)


@router.subcommand("value", "价值")
async def value_command(
    ack: AsyncAck,
    rest: str,
    command: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    await ack()
    person = person_of(context)
    async with deps_of(context).db.transaction() as session:
        gate = await gate_of(context, session)
        found = await resolve_customer(
            session=session, team_id=person.team_id, text=rest, gate=gate
        )
        if found.customer is None:
            await respond_private(
                respond,
                build_archived(found.archived, person.lang)
                if found.archived
                else Reply(t("customer.not_found", person.lang, text=escape(rest))),
            )
            return
        if not await gate.may_edit(found.customer):
            await respond_private(respond, not_allowed(found.customer, person.lang))
            return
    view = build_value_modal(
        person.lang,
        found.customer,
        {"channel": command["channel_id"], "customer_id": found.customer.id},
    )
    await open_modal(client, command["trigger_id"], view)


async def value_submitted(
    ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    person, meta = person_of(context), read_metadata(view)
    try:
        async with deps_of(context).db.transaction(write=True) as session:
            await require_edit_in_form(context, session, int(meta["customer_id"]), FACTORS[0])
            card = await load_card(
                session=session, team_id=person.team_id, customer_id=int(meta["customer_id"])
            )
            customer = await assess(
                session=session,
                customer=card.customer,
                factors={f: state_text(view, f) for f in FACTORS},
                actor_id=person.user_id,
                now=now_of(context),
            )
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=form_errors(invalid.errors, person.lang))
        return
    await ack()
    await tell_user(
        client,
        channel=meta.get("channel"),
        user=person.user_id,
        reply=Reply(
            t(
                "value.saved",
                person.lang,
                name=customer.legal_name,
                score=customer.value_score,
                tier=customer.value_tier,
            )
        ),
    )


def _said(invalid: FormInvalid, lang: Any) -> Reply:
    return Reply(" ".join(render_message(m, lang) for m in invalid.errors.values()))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.MERGE_CONFIRM)(guarded(inflight, merge_confirmed))
    app.view(ids.VALUE_VIEW)(guarded(inflight, value_submitted))
