"""Who may still read what a delivery tells: checked when it is delivered, not when it came
due. A reminder, a digest or a linker's copy of a brief names cards; its recipient must still
be able to see each of them (an unshare, a lowered clearance, an archive since). What they
may no longer see is left out, and a delivery left with nothing is not sent (recorded as
skipped). A channel's own brief lists the cards linked to it — the link is the share — and
a manager's digest only counts their own cards, so neither names a card to check.

The recipient's channels (a card shared with a channel is seen by its members) come from
Slack: the sweep asks for them, outside any transaction, only for recipients who would see
a card through a channel and through nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.access import CardAccess, TeamTree, Viewer, can_see
from bot.customers.visibility import access_of
from bot.due.items import Payload
from bot.due.rollups import ROLLUP, screen_rollup
from bot.store.access import open_level0, team_members
from bot.store.briefs import customers_by_id
from bot.store.models import Delivery, Milestone
from bot.store.profiles import profiles_of

ONE_CARD = (
    "follow_up",
    "meeting",
    "cadence_missed",
    "milestone_soon",
    "milestone_overdue",
    "receivable_overdue",
    "feedback_due",
)
DIGESTS = ("overdue_digest", "stale_digest")
Reader = tuple[str, str]  # (team, user)


@dataclass(frozen=True)
class Sight:
    """What one person may see of the cards their deliveries name, short of their channels."""

    viewer: Viewer
    cards: dict[int, CardAccess] = field(default_factory=dict)

    def sees(self, customer_id: int, channels: frozenset[str] = frozenset()) -> bool:
        card = self.cards.get(customer_id)
        if card is None:  # no such card any more
            return False
        viewer = replace(self.viewer, channels=channels) if channels else self.viewer
        return can_see(viewer, card)

    def needs_channels(self, customer_ids: list[int]) -> bool:
        """Whether a card of these would be seen through one of the person's channels only."""
        return any(
            not self.sees(i) and self.cards[i].shared_channels
            for i in customer_ids
            if i in self.cards
        )


def cards_told(delivery: Delivery) -> list[int] | None:
    """The cards a delivery names ([] when it names none to check); None when its payload
    does not say (written before card ids were kept), so it is told nothing."""
    payload = delivery.payload
    if delivery.kind in ONE_CARD:
        return [int(payload["customer_id"])] if "customer_id" in payload else None
    if delivery.kind == "revisit":
        return [int(delivery.item_key)]
    if delivery.kind in DIGESTS:  # a stale digest may name deals' cards too
        cards = [*payload.get("counted", []), *payload.get("deal_cards", [])]
        return [int(i) for i in cards] if "counted" in payload else None
    if delivery.kind == ROLLUP:  # its view names the cards it lists
        return [int(i) for i in (payload.get("content") or {}).get("counted", [])]
    if delivery.kind == "brief_copy":
        customers = (payload.get("content") or {}).get("customers", [])
        if any("customer_id" not in c for c in customers):
            return None
        return [int(c["customer_id"]) for c in customers]
    return []  # a channel's brief, a manager's digest


async def with_card_ids(session: AsyncSession, claimed: list[Delivery]) -> None:
    """Milestone reminders claimed before card ids were kept: their card, from the milestone."""
    for delivery in claimed:
        payload = delivery.payload
        if delivery.kind.startswith("milestone_") and "customer_id" not in payload:
            milestone = await session.get(Milestone, payload.get("milestone_id"))
            if milestone is not None:
                delivery.payload = {**payload, "customer_id": milestone.customer_id}


async def sights_of(
    session: AsyncSession, claimed: list[Delivery], *, admins: frozenset[str]
) -> dict[Reader, Sight]:
    """Each recipient's sight of the cards their deliveries name, in a few queries per
    workspace. `admins`: the people named admins by the deployment (RAPPORT_ADMINS)."""
    await with_card_ids(session, claimed)
    named: dict[str, dict[str, set[int]]] = {}
    for delivery in claimed:
        ids = cards_told(delivery)
        if ids:
            users = named.setdefault(delivery.team_id, {})
            users.setdefault(delivery.target, set()).update(ids)
    sights: dict[Reader, Sight] = {}
    for team_id, users in named.items():
        members = {m.user_id: m for m in await team_members(session=session, team_id=team_id)}
        tree = TeamTree({u: m.supervisor_id for u, m in members.items() if m.supervisor_id})
        profiles = await profiles_of(session=session, team_id=team_id, user_ids=sorted(users))
        slack_admins = {p.user_id for p in profiles if p.is_admin}
        ids = sorted(set().union(*users.values()))
        customers = [
            c for c in await customers_by_id(session=session, ids=ids) if c.team_id == team_id
        ]
        opened = await open_level0(session=session, team_id=team_id)
        cards = await access_of(session, customers, open_level0=opened)
        for user, wanted in users.items():
            viewer = Viewer(
                user_id=user,
                is_admin=user in admins or user in slack_admins,
                clearance=members[user].clearance if user in members else 0,
                supervises=tree.below(user),
            )
            sights[(team_id, user)] = Sight(viewer, {i: cards[i] for i in wanted if i in cards})
    return sights


def screened(delivery: Delivery, sees: Callable[[int], bool]) -> Payload | None:
    """The delivery's payload with only what its recipient `sees`; None when nothing is left
    to tell them."""
    ids = cards_told(delivery)
    if ids is None:
        return None
    if not ids:
        return delivery.payload
    payload = delivery.payload
    if delivery.kind == ROLLUP:
        return screen_rollup(payload, sees)
    if delivery.kind in DIGESTS:
        counted = [int(i) for i in payload["counted"] if sees(int(i))]
        items = [i for i in payload["items"] if sees(int(i["customer_id"]))]
        deals = [d for d in payload.get("deals", []) if sees(int(d["customer_id"]))]
        cards = [int(i) for i in payload.get("deal_cards", []) if sees(int(i))]
        if not counted and not cards:
            return None
        found = {**payload, "count": len(counted), "items": items, "counted": counted}
        return (
            {**found, "deals": deals, "deal_count": len(cards), "deal_cards": cards}
            if cards
            else found
        )
    if delivery.kind == "brief_copy":
        content = payload["content"]
        customers = [c for c in content["customers"] if sees(int(c["customer_id"]))]
        return {**payload, "content": {**content, "customers": customers}} if customers else None
    return payload if all(sees(i) for i in ids) else None
