"""/customer share, unshare, history, archive, restore, team and settings. Each listener:
ack, read, one use case (bot/customers/governance_cases.py), build, respond."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.actor import Actor
from bot.commands.actors import actor_of
from bot.commands.customer import router
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import respond_private
from bot.customers import governance_cases
from bot.inflight import InFlight
from bot.views import ids
from bot.views.governance import (
    build_card_archived,
    build_card_restored,
    build_settings_changed,
    build_share_changed,
    build_team_changed,
)
from bot.views.history import Reader, build_history, read_older_history

Body = dict[str, Any]  # a Slack payload


@router.subcommand("share", "共享")
async def share(ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    """`/customer share hp @li` or `… #channel`."""
    await _share(True, ack, rest, context, respond)


@router.subcommand("unshare", "取消共享")
async def unshare(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await _share(False, ack, rest, context, respond)


async def _share(
    sharing: bool, ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    change = await governance_cases.share_card(
        deps_of(context).db, actor=actor, text=rest, sharing=sharing
    )
    await respond_private(respond, build_share_changed(change, actor.lang))


@router.subcommand("history", "历史")
async def history(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    page = await governance_cases.card_history(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_history(page, _reader(actor, context)))


async def older_history(
    ack: AsyncAck, action: Body, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """The "Older changes" button: the next page, if the person may still see the card."""
    await ack()
    actor = await actor_of(context)
    older = read_older_history(action)
    page = await governance_cases.older_history(
        deps_of(context).db, actor=actor, customer_id=older.customer_id, before_id=older.before_id
    )
    await respond_private(respond, build_history(page, _reader(actor, context)))


def _reader(actor: Actor, context: AsyncBoltContext) -> Reader:
    """The person reading a history: phones of the workspace's region shown nationally."""
    return Reader(actor.lang, actor.tz, deps_of(context).settings.phone_region)


@router.subcommand("archive", "归档")
async def archive(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    customer = await governance_cases.archive_card(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_card_archived(customer, actor.lang))


@router.subcommand("restore", "恢复", admin=True)
async def restore(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Admins only; an archived card is found by its short name."""
    await ack()
    actor = await actor_of(context)
    customer = await governance_cases.restore_card(deps_of(context).db, actor=actor, handle=rest)
    await respond_private(respond, build_card_restored(customer, actor.lang))


@router.subcommand("team", "团队", admin=True)
async def team(ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond) -> None:
    """Admins: `/customer team`, `… supervisor @li @zhao`, `… clearance @li 2`."""
    await ack()
    actor = await actor_of(context)
    after = await governance_cases.change_team(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_team_changed(after, actor.lang))


@router.subcommand("settings", "设置", admin=True)
async def settings(
    ack: AsyncAck, rest: str, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Admins: `/customer settings open-level0 on|off`, `… stale <phase> <days>`."""
    await ack()
    actor = await actor_of(context)
    after = await governance_cases.change_settings(deps_of(context).db, actor=actor, text=rest)
    await respond_private(respond, build_settings_changed(after, actor.lang))


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.HISTORY_OLDER)(guarded(inflight, older_history))
