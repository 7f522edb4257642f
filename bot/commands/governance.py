"""/customer share, unshare, history, archive, restore, team and settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.commands.access import gate_of, is_admin, not_allowed
from bot.commands.customer import router
from bot.commands.deps import deps_of, now_of
from bot.commands.errors import guarded
from bot.commands.replies import person_of, respond_private
from bot.customers import governance
from bot.customers.form import FormInvalid
from bot.customers.phases import read_phase
from bot.customers.search import resolve_leading_customer
from bot.i18n import t
from bot.inflight import InFlight
from bot.store.customers import get_customer, get_customer_by_handle
from bot.store.models import Customer
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.customer_errors import render_message
from bot.views.governance import build_stale_set, build_team
from bot.views.history import Reader, build_history
from bot.views.unknown_customer import build_unknown_customer

Act = Callable[[Any, Customer, str], Awaitable[Reply]]


async def _on_card(
    context: AsyncBoltContext, rest: str, act: Act, command: str, *, edit: bool
) -> Reply:
    """Resolve the leading customer as its person may see it, check they may change it if
    `edit`, then `act` in one write transaction."""
    person = person_of(context)
    async with deps_of(context).db.transaction(write=True) as session:
        gate = await gate_of(context, session)
        leading = await resolve_leading_customer(
            session=session, team_id=person.team_id, text=rest, gate=gate
        )
        if leading.customer is None:
            return build_unknown_customer(
                command, leading.words, leading.choices, person.lang, archived=leading.archived
            )
        if edit and not await gate.may_edit(leading.customer):
            return not_allowed(leading.customer, person.lang)
        return await act(session, leading.customer, leading.rest)


@router.subcommand("share", "共享")
async def share(**kwargs: Any) -> None:
    await _share(True, **kwargs)


@router.subcommand("unshare", "取消共享")
async def unshare(**kwargs: Any) -> None:
    await _share(False, **kwargs)


async def _share(
    sharing: bool,
    *,
    ack: AsyncAck,
    rest: str,
    context: AsyncBoltContext,
    respond: AsyncRespond,
    **_: Any,
) -> None:
    await ack()
    person = person_of(context)
    words, target = governance.split_target(rest)
    if target is None or not words:
        await respond_private(respond, Reply(t("share.usage", person.lang)))
        return

    async def act(session: Any, customer: Customer, _rest: str) -> Reply:
        change = governance.share if sharing else governance.unshare
        changed = await change(
            session=session,
            customer=customer,
            target=target,
            actor_id=person.user_id,
            now=now_of(context),
        )
        key = {
            (True, True): "share.done",
            (True, False): "share.already",
            (False, True): "share.removed",
            (False, False): "share.not_shared",
        }
        mention = f"<@{target.id}>" if target.kind == "user" else f"<#{target.id}>"
        return Reply(
            t(key[(sharing, changed)], person.lang, name=customer.legal_name, target=mention)
        )

    command = "share" if sharing else "unshare"
    await respond_private(respond, await _on_card(context, words, act, command, edit=True))


@router.subcommand("history", "历史")
async def history(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    await ack()

    async def act(session: Any, customer: Customer, _rest: str) -> Reply:
        page = await governance.history_page(session=session, customer=customer, before_id=None)
        return build_history(page, _reader(context))

    await respond_private(respond, await _on_card(context, rest, act, "history", edit=False))


async def older_history(
    ack: AsyncAck, action: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """The "Older changes" button: the next page, if the person may still see the card."""
    await ack()
    person = person_of(context)
    customer_id, _, before = action["value"].partition(":")
    async with deps_of(context).db.transaction() as session:
        customer = await get_customer(
            session=session, team_id=person.team_id, customer_id=int(customer_id)
        )
        page = None
        if customer is not None and await (await gate_of(context, session)).sees(customer):
            page = await governance.history_page(
                session=session, customer=customer, before_id=int(before)
            )
    reply = (
        build_history(page, _reader(context)) if page else Reply(t("customer.gone", person.lang))
    )
    await respond_private(respond, reply)


def _reader(context: AsyncBoltContext) -> Reader:
    person = person_of(context)
    return Reader(person.lang, person.tz, deps_of(context).settings.phone_region)


@router.subcommand("archive", "归档")
async def archive(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    await ack()
    lang = person_of(context).lang

    async def act(session: Any, customer: Customer, _rest: str) -> Reply:
        await governance.archive(
            session=session,
            customer=customer,
            actor_id=person_of(context).user_id,
            now=now_of(context),
        )
        return Reply(t("archive.done", lang, name=customer.legal_name, handle=customer.handle))

    await respond_private(respond, await _on_card(context, rest, act, "archive", edit=True))


@router.subcommand("restore", "恢复")
async def restore(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    """Admins only; an archived card is found by its short name."""
    await ack()
    person = person_of(context)
    if not is_admin(context):
        await respond_private(respond, Reply(t("access.admins_only", person.lang)))
        return
    async with deps_of(context).db.transaction(write=True) as session:
        customer = await get_customer_by_handle(
            session=session, team_id=person.team_id, handle=rest.strip()
        )
        if customer is None:
            reply = build_unknown_customer("restore", rest.strip(), [], person.lang)
        elif customer.archived_at is None:
            reply = Reply(t("archive.not_archived", person.lang, name=customer.legal_name))
        else:
            await governance.restore(
                session=session, customer=customer, actor_id=person.user_id, now=now_of(context)
            )
            reply = Reply(t("archive.restored", person.lang, name=customer.legal_name))
    await respond_private(respond, reply)


@router.subcommand("team", "团队")
async def team(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    await ack()
    person, now = person_of(context), now_of(context)
    if not is_admin(context):
        await respond_private(respond, Reply(t("access.admins_only", person.lang)))
        return
    verb, _, args = rest.partition(" ")
    people = [m for m in args.split() if m.startswith("<@")]
    async with deps_of(context).db.transaction(write=True) as session:
        try:
            reply = await _team(session, person, verb.lower(), args, people, now)
        except FormInvalid as invalid:
            reply = Reply(" ".join(render_message(m, person.lang) for m in invalid.errors.values()))
    await respond_private(respond, reply)


async def _team(
    session: Any, person: Any, verb: str, args: str, people: list[str], now: Any
) -> Reply:
    from bot.store.access import team_members

    target = governance.read_target(people[0]) if people else None
    if verb == "supervisor" and target is not None:
        boss = governance.read_target(people[1]) if len(people) > 1 else None
        if boss is None and not args.strip().lower().endswith(("none", "无")):
            return Reply(t("team.usage", person.lang))
        await governance.set_supervisor(
            session=session,
            team_id=person.team_id,
            user_id=target.id,
            supervisor_id=boss.id if boss else None,
            actor_id=person.user_id,
            now=now,
        )
        if boss is None:
            return Reply(t("team.supervisor_cleared", person.lang, person=f"<@{target.id}>"))
        return Reply(
            t(
                "team.supervisor_set",
                person.lang,
                person=f"<@{target.id}>",
                supervisor=f"<@{boss.id}>",
            )
        )
    if verb == "clearance" and target is not None and args.split()[-1].isdigit():
        level = int(args.split()[-1])
        await governance.set_clearance(
            session=session,
            team_id=person.team_id,
            user_id=target.id,
            clearance=level,
            actor_id=person.user_id,
            now=now,
        )
        return Reply(t("team.clearance_set", person.lang, person=f"<@{target.id}>", level=level))
    if not verb:
        return build_team(await team_members(session=session, team_id=person.team_id), person.lang)
    return Reply(t("team.usage", person.lang))


@router.subcommand("settings", "设置")
async def settings(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond, **_: Any
) -> None:
    await ack()
    person, now = person_of(context), now_of(context)
    if not is_admin(context):
        await respond_private(respond, Reply(t("access.admins_only", person.lang)))
        return
    words = rest.lower().split()
    reply = Reply(t("settings.usage", person.lang))
    async with deps_of(context).db.transaction(write=True) as session:
        if words[:1] == ["open-level0"] and words[1:] in (["on"], ["off"]):
            await governance.set_open_level0(
                session=session,
                team_id=person.team_id,
                enabled=words[1] == "on",
                actor_id=person.user_id,
                now=now,
            )
            state = t("settings.open" if words[1] == "on" else "settings.closed", person.lang)
            reply = Reply(t("settings.open_level0", person.lang, state=state))
        elif words[:1] == ["stale"] and len(words) == 3 and words[2].isdigit():
            try:
                limits = await governance.set_stale_days(
                    session=session,
                    team_id=person.team_id,
                    phase=read_phase(words[1]) or words[1],
                    days=int(words[2]),
                    actor_id=person.user_id,
                    now=now,
                )
                reply = build_stale_set(limits, person.lang)
            except FormInvalid as invalid:
                reply = Reply(
                    " ".join(render_message(m, person.lang) for m in invalid.errors.values())
                )
    await respond_private(respond, reply)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.HISTORY_OLDER)(guarded(inflight, older_history))
