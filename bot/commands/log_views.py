"""The /log modal, the "Log to customer" shortcut, and the buttons on logged records."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.access import gate_of
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.home import refresh_home_after
from bot.commands.replies import open_modal, person_of, respond_private, tell_user
from bot.customers.cards import CardNotFound, load_card
from bot.customers.form import FormInvalid, Message
from bot.customers.refusals import MayNotChange
from bot.customers.search import find_customers
from bot.customers.visibility import Gate
from bot.dates.display import format_moment
from bot.i18n import t
from bot.inflight import InFlight
from bot.logs.forms import draft_from_modal, due_from_pickers
from bot.logs.intake import Done, log_draft, log_picked
from bot.logs.records import (
    LogDraft,
    RecordNotFound,
    confirm_held,
    edit_record,
    hold,
    move_follow_up,
    retract_record,
)
from bot.store.customers import get_customer
from bot.store.records import get_follow_up, get_record, take_pending, timeline
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.customer_errors import form_errors
from bot.views.customer_modal import read_metadata
from bot.views.inputs import state_text
from bot.views.log_modal import (
    build_edit_record_modal,
    build_log_modal,
    build_message_modal,
    build_time_modal,
    contact_options,
    customer_options,
    read_log_form,
    read_record_edit,
)
from bot.views.log_replies import build_log_outcome
from bot.views.timeline import PAGE, build_timeline_page

Body = dict[str, Any]


async def log_submitted(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The /log form, and the "Log to customer" form of a saved message."""
    person, deps, meta = person_of(context), deps_of(context), read_metadata(view)
    form, now = read_log_form(view), now_of(context)
    try:
        async with deps.db.transaction(write=True) as session:
            source = await _message_source(session, person, meta, now)
            draft = draft_from_modal(
                customer_id=form.customer_id,
                kind=form.kind,
                contact_id=form.contact_id,
                summary=source.pop("summary", form.summary),
                next_step=form.next_step,
                day=form.follow_up_date,
                clock=form.follow_up_time,
                tz=person.tz,
                now=now,
                **source,
            )
            try:
                customer = (
                    await load_card(
                        session=session,
                        team_id=person.team_id,
                        customer_id=draft.customer_id,
                        gate=await gate_of(context, session),
                    )
                ).customer
            except CardNotFound:
                raise FormInvalid({"customer": Message("customer.gone")}) from None
            outcome = await log_draft(
                session=session,
                team_id=person.team_id,
                author_id=person.user_id,
                tz=person.tz,
                draft=draft,
                now=now,
                customer=customer,
            )
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=form_errors(invalid.errors, person.lang))
        return
    await ack()
    await tell_user(
        client,
        channel=meta.get("channel"),
        user=person.user_id,
        reply=build_log_outcome(outcome, person.lang),
    )
    await refresh_home_after(meta, client, context)


async def _message_source(
    session: Any, person: Any, meta: dict[str, Any], now: Any
) -> dict[str, str]:
    """For a saved message: its text, author, place and link, held since the shortcut."""
    if "pending_id" not in meta:
        return {"source": "modal"}
    pending = await take_pending(
        session=session,
        team_id=person.team_id,
        author_id=person.user_id,
        pending_id=int(meta["pending_id"]),
    )
    if pending is None:
        raise FormInvalid({"customer": Message("log.already_saved")})
    pending.used_at = now
    return {
        key: str(value)
        for key, value in pending.payload.items()
        if key
        in (
            "summary",
            "source",
            "source_channel",
            "source_ts",
            "source_author_id",
            "source_permalink",
        )
    }


async def log_message_shortcut(
    ack: AsyncAck, body: Body, shortcut: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Message shortcut "Log to customer": hold the message, then ask which customer."""
    await ack()
    person, deps = person_of(context), deps_of(context)
    message, channel = shortcut.get("message", {}), shortcut.get("channel", {}).get("id", "")
    permalink = await _permalink(client, channel, message.get("ts", ""))
    held = LogDraft(
        customer_id=0,
        kind="note",
        summary=message.get("text", ""),
        source="message",
        source_channel=channel,
        source_ts=message.get("ts", ""),
        source_author_id=message.get("user", ""),
        source_permalink=permalink,
    )
    async with deps.db.transaction(write=True) as session:
        pending = await hold(
            session=session,
            team_id=person.team_id,
            author_id=person.user_id,
            draft=held,
            now=now_of(context),
        )
    view = build_message_modal(
        person.lang,
        message_text=held.summary,
        metadata={"channel": channel, "pending_id": pending.id},
    )
    await open_modal(client, body["trigger_id"], view)


async def _permalink(client: AsyncWebClient, channel: str, ts: str) -> str:
    try:
        response = await client.chat_getPermalink(channel=channel, message_ts=ts)
    except Exception:  # the record is still worth keeping without its link
        return ""
    return str(response.get("permalink", ""))


async def record_button(
    ack: AsyncAck,
    body: Body,
    action: Body,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """Undo, Change time, Save without reminder, Log contact (from a card), Edit record."""
    await ack()
    person, deps, now = person_of(context), deps_of(context), now_of(context)
    verb, target = _verb(action)
    channel = (body.get("channel") or {}).get("id")
    reply: Reply | None = None
    try:
        async with deps.db.transaction(write=True) as session:
            gate = await gate_of(context, session)
            await _guard(verb, target, session, gate, person)
            if verb == "undo":
                await retract_record(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    record_id=target,
                    now=now,
                )
                reply = Reply(t("log.undone", person.lang))
            elif verb == "save_anyway":
                logged = await confirm_held(
                    session=session,
                    team_id=person.team_id,
                    author_id=person.user_id,
                    author_tz=person.tz.key,
                    pending_id=target,
                    now=now,
                )
                customer = logged and await get_customer(
                    session=session, team_id=person.team_id, customer_id=logged.record.customer_id
                )
                reply = (
                    build_log_outcome(Done(logged, customer), person.lang)
                    if logged and customer
                    else Reply(t("log.already_saved", person.lang))
                )
            else:
                view = await _modal_for(verb, target, session, person, channel, gate)
    except (RecordNotFound, CardNotFound):
        reply = Reply(t("log.gone", person.lang))
    except MayNotChange:
        reply = Reply(t("log.not_yours", person.lang))
    if reply is not None:
        await respond_private(respond, reply)
    else:
        await open_modal(client, body["trigger_id"], view)


async def _guard(verb: str, target: int, session: Any, gate: Gate, person: Any) -> None:
    """A record is changed by its author or by those who may change its card; a card one
    may not see is not found."""
    if verb in ("log", "save_anyway"):
        return  # the card is checked when the form is saved; a held log is its author's
    if verb == "time":
        follow_up = await get_follow_up(
            session=session, team_id=person.team_id, follow_up_id=target
        )
        author, customer_id = (follow_up.owner_id, follow_up.customer_id) if follow_up else ("", 0)
    else:
        record = await get_record(session=session, team_id=person.team_id, record_id=target)
        author, customer_id = (record.author_id, record.customer_id) if record else ("", 0)
    if not customer_id:
        raise RecordNotFound(target)
    card = await load_card(
        session=session, team_id=person.team_id, customer_id=customer_id, gate=gate
    )
    if author != person.user_id and not await gate.may_edit(card.customer):
        raise MayNotChange(card.customer)


async def _modal_for(
    verb: str, target: int, session: Any, person: Any, channel: str | None, gate: Gate
) -> Body:
    meta: dict[str, Any] = {"channel": channel}
    if verb == "log":
        card = await load_card(
            session=session, team_id=person.team_id, customer_id=target, gate=gate
        )
        return build_log_modal(person.lang, customer=card.customer, metadata=meta)
    if verb == "time":
        follow_up = await get_follow_up(
            session=session, team_id=person.team_id, follow_up_id=target
        )
        if follow_up is None:
            raise RecordNotFound(target)
        meta["follow_up_id"] = follow_up.id
        return build_time_modal(person.lang, follow_up.due_at.astimezone(person.tz), meta)
    record = await get_record(session=session, team_id=person.team_id, record_id=target)
    if record is None or record.superseded or record.retracted_at is not None:
        raise RecordNotFound(target)
    meta["record_id"] = record.id
    return build_edit_record_modal(person.lang, record, meta)


async def record_changed(
    ack: AsyncAck, view: Body, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The edit-record and follow-up-time modals."""
    person, deps, meta, now = (
        person_of(context),
        deps_of(context),
        read_metadata(view),
        now_of(context),
    )
    try:
        async with deps.db.transaction(write=True) as session:
            if view["callback_id"] == ids.LOG_TIME_VIEW:
                due = due_from_pickers(
                    state_text(view, "follow_up_date"),
                    state_text(view, "follow_up_time"),
                    tz=person.tz,
                    now=now,
                )
                if due is None:
                    raise FormInvalid({"follow_up_date": Message("field.follow_up_date.required")})
                await move_follow_up(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    follow_up_id=int(meta["follow_up_id"]),
                    due_at=due,
                    now=now,
                )
                reply = Reply(
                    t(
                        "log.moved",
                        person.lang,
                        when=format_moment(due, person.lang, person.tz),
                    )
                )
            else:
                edit = read_record_edit(view)
                await edit_record(
                    session=session,
                    team_id=person.team_id,
                    actor_id=person.user_id,
                    record_id=int(meta["record_id"]),
                    summary=edit.summary,
                    next_step=edit.next_step,
                    now=now,
                )
                reply = Reply(t("log.edited", person.lang))
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=form_errors(invalid.errors, person.lang))
        return
    except RecordNotFound:
        reply = Reply(t("log.gone", person.lang))
    await ack()
    await tell_user(client, channel=meta.get("channel"), user=person.user_id, reply=reply)


async def customer_choices(ack: AsyncAck, body: Body, context: AsyncBoltContext) -> None:
    person = person_of(context)
    async with deps_of(context).db.transaction() as session:
        found = await find_customers(
            session=session,
            team_id=person.team_id,
            text=body.get("value", ""),
            limit=20,
            gate=await gate_of(context, session),
        )
    await ack(options=customer_options(found))


async def contact_choices(ack: AsyncAck, body: Body, context: AsyncBoltContext) -> None:
    """The contacts of the customer chosen above, filtered by what is typed."""
    person = person_of(context)
    customer_id = state_text(body.get("view", {}), "customer")
    contacts = []
    if customer_id.isdigit():
        async with deps_of(context).db.transaction() as session:
            try:
                card = await load_card(
                    session=session,
                    team_id=person.team_id,
                    customer_id=int(customer_id),
                    gate=await gate_of(context, session),
                )
                contacts = card.contacts
            except CardNotFound:
                pass
    typed = body.get("value", "").strip().lower()
    await ack(options=contact_options([c for c in contacts if typed in c.name.lower()])[:100])


async def older_records(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    person = person_of(context)
    customer_id, _, before = action["value"].partition(":")
    async with deps_of(context).db.transaction() as session:
        try:
            customer = (
                await load_card(
                    session=session,
                    team_id=person.team_id,
                    customer_id=int(customer_id),
                    gate=await gate_of(context, session),
                )
            ).customer
        except CardNotFound:
            customer = None
        records = await timeline(
            session=session, customer_id=int(customer_id), before_id=int(before), limit=PAGE + 1
        )
    reply = (
        build_timeline_page(customer, records, person.lang)
        if customer
        else Reply(t("customer.gone", person.lang))
    )
    await respond_private(respond, reply)


async def customer_picked(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A held /log line: its author chose the card it is for."""
    await ack()
    person, deps = person_of(context), deps_of(context)
    pending_id, _, customer_id = action["value"].partition(":")
    try:
        async with deps.db.transaction(write=True) as session:
            outcome = await log_picked(
                session=session,
                team_id=person.team_id,
                author_id=person.user_id,
                tz=person.tz,
                pending_id=int(pending_id),
                customer_id=int(customer_id),
                now=now_of(context),
                gate=await gate_of(context, session),
            )
        reply = build_log_outcome(outcome, person.lang) if outcome else None
    except CardNotFound:
        reply = Reply(t("log.gone", person.lang))
    await respond_private(respond, reply or Reply(t("log.already_saved", person.lang)))


def _verb(action: Body) -> tuple[str, int]:
    if action["action_id"] == ids.RECORD_MENU:
        verb, _, record_id = action["selected_option"]["value"].partition(":")
        return verb, int(record_id)
    verbs = {
        ids.LOG_UNDO: "undo",
        ids.LOG_SAVE_ANYWAY: "save_anyway",
        ids.LOG_CHANGE_TIME: "time",
        ids.LOG_FROM_CARD: "log",
    }
    return verbs[action["action_id"]], int(action["value"])


def register(app: AsyncApp, inflight: InFlight) -> None:
    for callback in (ids.LOG_VIEW, ids.LOG_MESSAGE_VIEW):
        app.view(callback)(guarded(inflight, log_submitted))
    for callback in (ids.LOG_EDIT_VIEW, ids.LOG_TIME_VIEW):
        app.view(callback)(guarded(inflight, record_changed))
    for action_id in (
        ids.LOG_UNDO,
        ids.LOG_SAVE_ANYWAY,
        ids.LOG_CHANGE_TIME,
        ids.LOG_FROM_CARD,
        ids.RECORD_MENU,
    ):
        app.action(action_id)(guarded(inflight, record_button))
    picked = re.compile(rf"^{re.escape(ids.LOG_PICK_CUSTOMER)}\.\d+$")
    app.action(picked)(guarded(inflight, customer_picked))
    app.action(ids.TIMELINE_OLDER)(guarded(inflight, older_records))
    app.shortcut(ids.LOG_MESSAGE_SHORTCUT)(guarded(inflight, log_message_shortcut))
    app.options(ids.LOG_CUSTOMER_SELECT)(customer_choices)
    app.options(ids.LOG_CONTACT_SELECT)(contact_choices)
