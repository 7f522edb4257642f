"""The supervisors' weekly roll-up, and health drops in the managers' weekly digest.

Each person someone reports to gets a `rollup` schedule (Monday 09:00 in their zone, like
the digest) and, when it comes due, one DM over their team's cards (bot/customers/
team_view.py). A quiet week — nothing turned red, stale, missed, changed phase, new or
overdue — posts nothing. The view is made by the sweep that claimed it, in the claim's
transaction, because it also records which light each card had (`health_mark`), so next
week's roll-up (and digest) names only what dropped across a threshold since.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.health import dropped
from bot.customers.health_facts import card_states
from bot.customers.team_view import View, card_item, has_news, sees_for, team_of, team_view
from bot.store.insights import Narrowing, Sees, visible_scope
from bot.store.marks import marks_of, put_marks
from bot.store.models import Delivery
from bot.store.profiles import profiles_of

ROLLUP = "rollup"


def audience(kind: str, user: str) -> str:
    return f"{'r' if kind == ROLLUP else 'd'}:{user}"


async def told_after_claim(session: AsyncSession, claimed: list[Delivery], now: datetime) -> None:
    """Roll-ups get their whole view; digests the health drops of the manager's cards. Both
    remember what they told. Run only by the sweep that claimed them."""
    for delivery in claimed:
        if delivery.kind == ROLLUP:
            content = await rollup_content(session, delivery.team_id, delivery.target, now)
            delivery.payload = {**delivery.payload, "content": content}
        elif delivery.kind == "digest":
            drops = await digest_drops(session, delivery.team_id, delivery.target, now)
            delivery.payload = {**delivery.payload, "drops": drops}


async def rollup_content(
    session: AsyncSession, team_id: str, head: str, now: datetime
) -> View | None:
    below = await team_of(session, team_id=team_id, head=head)
    if not below:
        return None
    profiles = await profiles_of(session=session, team_id=team_id, user_ids=[head])
    is_admin = any(p.is_admin for p in profiles)
    sees = await sees_for(session, team_id=team_id, user_id=head, below=below, is_admin=is_admin)
    heard = audience(ROLLUP, head)
    told = await marks_of(session=session, audience=heard)
    view, states = await team_view(session, sees=sees, below=below, now=now, told=told)
    await put_marks(
        session=session,
        audience=heard,
        lights={s.customer_id: (s.health.light, s.health.score) for s in states},
        now=now,
    )
    return view if has_news(view) else None


async def digest_drops(
    session: AsyncSession, team_id: str, manager: str, now: datetime
) -> list[View]:
    """The manager's cards whose light dropped across a threshold since the last digest."""
    sees = Sees(team_id=team_id, user_id=manager)
    scope = visible_scope(sees, Narrowing(managers=frozenset({manager})))
    states = await card_states(session=session, scope=scope, now=now)
    heard = audience("digest", manager)
    told = await marks_of(session=session, audience=heard)
    drops = [
        {**card_item(s), "before": told[s.customer_id]}
        for s in states
        if dropped(told.get(s.customer_id, ""), s.health.light)
    ]
    await put_marks(
        session=session,
        audience=heard,
        lights={s.customer_id: (s.health.light, s.health.score) for s in states},
        now=now,
    )
    return drops


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
    return {**payload, "content": shown if has_news(shown) else None}
