"""The supervisors' weekly roll-up, and health drops in the managers' weekly digest.

Each person someone reports to gets a `rollup` schedule (Monday 09:00 in their zone, like
the digest) and, when it comes due, one DM over their team's cards (bot/customers/
team_view.py). A quiet week — nothing turned red, stale, missed, changed phase, new or
overdue — posts nothing. The views are made right after the claim has committed, by the
sweep that claimed them (or, after a crash, by the one that takes them over), never in the
claim's transaction: the cards' kept health is refreshed (a short write), the views made
from it for all claimed supervisors at once (a read, bot/due/rollup_sweep.py), then kept
with which light each card had (`health_mark`, a short write), so next week's roll-up
(and digest) names only what dropped across a threshold since.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.health import LIGHTS, dropped
from bot.customers.health_facts import card_states
from bot.customers.kept_health import refresh_health
from bot.customers.team_delivery import screen_delivery
from bot.customers.team_view import View, card_item, has_news, team_of
from bot.customers.visibility import team_tree
from bot.due.rollup_reads import team_scope
from bot.due.rollup_sweep import Card, Made, below_each, make_rollups, news
from bot.store.card_health import kept_rows, on_kept
from bot.store.card_scope import Scope, ids_scope
from bot.store.db import Database
from bot.store.deliveries import put_payloads
from bot.store.marks import Marks, RedsTold, marks_of_all, reds_told, replace_marks, replace_reds
from bot.store.models import Delivery

ROLLUP = "rollup"
UTC_ZONE = ZoneInfo("UTC")
FALLS = frozenset(light for light, _ in LIGHTS if dropped(light, "red"))  # lights above red


class Was(NamedTuple):
    """What the readers of a sweep's deliveries were told last time."""

    reds: dict[str, RedsTold]  # a roll-up's reader: the cards told red
    lights: dict[str, Marks]  # a digest's: each card's light and score


def audience(kind: str, user: str) -> str:
    return f"{'r' if kind == ROLLUP else 'd'}:{user}"


async def build_after_claim(db: Database, claimed: list[Delivery], now: datetime) -> None:
    """Roll-ups get their whole view; digests the health drops of the manager's cards. Both
    remember what they told. Run by the sweep holding the claims, after the claim's commit,
    for those not made yet (a claim taken over after a crash may have been)."""
    todo = [
        d
        for d in claimed
        if (d.kind == ROLLUP and "content" not in d.payload)
        or (d.kind == "digest" and "drops" not in d.payload)
    ]
    if not todo:
        return
    teams: dict[str, list[Delivery]] = {}
    for delivery in todo:
        teams.setdefault(delivery.team_id, []).append(delivery)
    async with db.transaction(write=True, cache=True) as session:  # short: swept fresh
        for team_id, deliveries in teams.items():
            scope = await _scope(session, team_id, deliveries)
            if scope is not None:
                await refresh_health(session=session, scope=scope, now=now)
    heard = {
        kind: sorted({audience(kind, d.target) for d in todo if d.kind == kind})
        for kind in (ROLLUP, "digest")
    }
    made: dict[int, tuple[str, View | list[View] | None, Made | Marks | None]] = {}
    async with (
        db.transaction(snapshot=True) as session,  # every team read as of one moment
        db.joined_snapshot(session) as joined,
    ):
        was = Was(
            await reds_told(session=session, audiences=heard[ROLLUP], above_red=FALLS),
            await marks_of_all(session=session, audiences=heard["digest"]),
        )
        for team_id, deliveries in teams.items():
            made |= await _made(session, joined, team_id, deliveries, was, now)
    payloads = {}
    for delivery in todo:
        key, content, _ = made[delivery.id or 0]
        delivery.payload = {**delivery.payload, key: content}
        payloads[delivery.id or 0] = delivery.payload
    reds, lights = {}, {}
    for d in todo:
        match made[d.id or 0][2]:
            case Made(reds=told, scores=scores):
                reds[audience(ROLLUP, d.target)] = (told, scores)
            case dict() as told:
                lights[audience("digest", d.target)] = told
            # None: a supervisor without a team, whose marks stay as they were
    async with db.transaction(write=True) as session:
        await replace_reds(session=session, told=reds, was=was.reds, now=now)
        await replace_marks(session=session, told=lights, was=was.lights, now=now)
        await put_payloads(session=session, payloads=payloads)


async def _scope(session: AsyncSession, team_id: str, deliveries: list[Delivery]) -> Scope | None:
    """The cards whose kept health these deliveries read (None: none)."""
    people = {d.target for d in deliveries if d.kind == "digest"}
    heads = [d.target for d in deliveries if d.kind == ROLLUP]
    if heads:  # the tree read once for all of them
        tree = await team_tree(session, team_id)
        people |= {p for team in below_each(tree, heads).values() for p in team}
    return team_scope(team_id, frozenset(people)) if people else None


async def _made(
    session: AsyncSession,
    joined: AsyncSession | None,
    team_id: str,
    deliveries: list[Delivery],
    was: Was,
    now: datetime,
) -> dict[int, tuple[str, View | list[View] | None, Made | Marks | None]]:
    heads = [d.target for d in deliveries if d.kind == ROLLUP]
    told = {head: was.reds[audience(ROLLUP, head)].red for head in heads}
    zones = {d.target: _zone(d) for d in deliveries if d.kind == ROLLUP}
    rollups = await make_rollups(
        session, team_id=team_id, heads=heads, told=told, now=now, zones=zones, joined=joined
    )
    managers = [d.target for d in deliveries if d.kind == "digest"]
    drops = await make_drops(session, team_id, managers, was.lights, now)
    found: dict[int, tuple[str, View | list[View] | None, Made | Marks | None]] = {}
    for delivery in deliveries:
        if delivery.kind == ROLLUP:
            one = rollups.get(delivery.target)
            found[delivery.id or 0] = ("content", news(one), one)
        else:
            found[delivery.id or 0] = ("drops", *drops[delivery.target])
    return found


async def make_drops(
    session: AsyncSession,
    team_id: str,
    managers: list[str],
    was: dict[str, Marks],
    now: datetime,
) -> dict[str, tuple[list[View], Marks]]:
    """Each manager's cards whose light dropped across a threshold since the last digest,
    and the lights to remember (the kept health must be fresh)."""
    if not managers:
        return {}
    scope = on_kept(team_scope(team_id, frozenset(managers)))
    cards = [Card(*row) for row in await kept_rows(session=session, scope=scope)]
    cards.sort(key=lambda c: (c.score, c.name))
    found: dict[str, tuple[list[Card], Marks]] = {}
    for manager in managers:
        told = was.get(audience("digest", manager), {})
        mine = [c for c in cards if c.manager == manager]
        fell = [c for c in mine if dropped(told.get(c.customer_id, ("", 0))[0], c.light)]
        found[manager] = (fell, {c.customer_id: (c.light, c.score) for c in mine})
    named = [c.customer_id for fell, _ in found.values() for c in fell]
    states = {
        s.customer_id: s
        for s in await card_states(session=session, scope=ids_scope(named), now=now)
    }
    return {
        manager: (
            [
                {
                    **card_item(states[c.customer_id]),
                    "before": was[audience("digest", manager)][c.customer_id][0],
                }
                for c in fell
            ],
            lights,
        )
        for manager, (fell, lights) in found.items()
    }


async def rollup_content(
    session: AsyncSession, team_id: str, head: str, now: datetime, tz: ZoneInfo = UTC_ZONE
) -> View | None:
    """One supervisor's roll-up made and its marks kept, in the caller's transaction."""
    heard = audience(ROLLUP, head)
    below = await team_of(session, team_id=team_id, head=head)
    if not below:
        return None
    await refresh_health(session=session, scope=team_scope(team_id, below), now=now)
    was = await reds_told(session=session, audiences=[heard], above_red=FALLS)
    made: Made | None = (
        await make_rollups(
            session,
            team_id=team_id,
            heads=[head],
            told={head: was[heard].red},
            now=now,
            zones={head: tz},
        )
    )[head]
    if made is None:
        return None
    await replace_reds(session=session, told={heard: (made.reds, made.scores)}, was=was, now=now)
    return made.view if has_news(made.view) else None


async def digest_drops(
    session: AsyncSession, team_id: str, manager: str, now: datetime
) -> list[View]:
    """The manager's cards whose light dropped across a threshold since the last digest
    (their marks kept, in the caller's transaction)."""
    heard = audience("digest", manager)
    await refresh_health(session=session, scope=team_scope(team_id, frozenset({manager})), now=now)
    was = await marks_of_all(session=session, audiences=[heard])
    drops, lights = (await make_drops(session, team_id, [manager], was, now))[manager]
    await replace_marks(session=session, told={heard: lights}, was=was, now=now)
    return drops


def _zone(delivery: Delivery) -> ZoneInfo:
    """The zone the supervisor's roll-up is scheduled in."""
    return ZoneInfo(delivery.payload.get("tz") or "UTC")


def quiet_digest() -> View:
    """A digest's figures for a week with no records and nothing overdue."""
    return {
        "records": 0,
        "by_person": [],
        "more_people": 0,
        "more_records": 0,
        "by_status": [],
        "by_phase": [],
        "overdue": 0,
    }


def screen_rollup(payload: View, sees: Callable[[int], bool]) -> View | None:
    """A roll-up names only cards its reader may still see (checked at delivery)."""
    content = payload.get("content")
    if not content:
        return None
    shown = dict(content)
    shown["turned_red"] = [i for i in content["turned_red"] if sees(i["customer_id"])]
    for key in ("red", "stale", "cadence_missed", "phase_changes", "new_customers"):
        items = [i for i in content[key]["items"] if sees(i["customer_id"])]
        hidden = len(content[key]["items"]) - len(items)
        shown[key] = {"count": content[key]["count"] - hidden, "items": items}
    if "delivery" in content:  # feedback items name their card; the sums name none
        shown["delivery"] = screen_delivery(content["delivery"], sees)
    return {**payload, "content": shown if has_news(shown) else None}
