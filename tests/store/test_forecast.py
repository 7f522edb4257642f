"""The forecast's deals are read through the same SQL form of the card rules as every list of
cards (bot/store/card_scope.py): each person's deals are exactly those on the cards the card
gate lets them see — their own, their team's, those shared with them or their channels, up
to their clearance — and never a deal on another card."""

from __future__ import annotations

import pytest

from bot.actor import Actor
from bot.customers.visibility import gate_of
from bot.sales import deal_line_cases
from bot.sales.deal_outcomes import CloseDateToConfirm, DealSaved
from bot.store.db import Database
from bot.store.forecast import Scope, scoped_deals
from bot.store.models import CardShare, Customer
from tests.conftest import TEAM, Create
from tests.customers.team_office import ADMIN, actor, build_office

pytestmark = pytest.mark.calendar  # the office is dated: NOW, not the machine's day

IN_CHANNEL = actor("U_CHAN", channels=frozenset({"C_PROJ"}))
CAST = [
    *(actor(u) for u in ("U_DIR", "U_LEAD", "U_LI", "U_WANG", "U_OUT", "U_NOBODY")),
    IN_CHANNEL,
    ADMIN,
]


@pytest.fixture
async def office_with_deals(db: Database, create: Create) -> dict[str, Customer]:
    office = await build_office(db, create)
    async with db.transaction(write=True) as session:
        for key, kind, target in (
            ("LI1", "user", "U_NOBODY"),  # seen through the share
            ("SEC2", "user", "U_OUT"),  # shared, but above U_OUT's clearance
            ("WANG1", "channel", "C_PROJ"),  # seen by whoever is in the channel
        ):
            session.add(
                CardShare(
                    team_id=TEAM,
                    customer_id=office[key].id,
                    kind=kind,
                    target=target,
                    shared_by="U_ADMIN",
                )
            )
    for card in office.values():
        text = f"{card.handle} Renewal 100000 proposal 2027-06-30"
        outcome = await deal_line_cases.deal_named_in_line(db, actor=ADMIN, text=text)
        if isinstance(outcome, CloseDateToConfirm):
            outcome = await deal_line_cases.confirm_deal_line(
                db, actor=ADMIN, draft_id=outcome.draft_id
            )
        assert isinstance(outcome, DealSaved)
    return office


async def deals_and_cards_seen(
    db: Database, who: Actor, office: dict[str, Customer]
) -> tuple[list[str], list[str]]:
    """The short names of the cards of `who`'s deals, and of the cards the gate lets them see."""
    async with db.transaction() as session:
        gate = await gate_of(session, who)
        seen = await gate.visible(list(office.values()))
        deals = await scoped_deals(
            session=session, team_id=TEAM, scope=Scope(), sees=await gate.sight()
        )
    return sorted(row.customer_handle for row in deals), sorted(c.handle for c in seen)


@pytest.mark.parametrize("who", CAST, ids=[a.user_id for a in CAST])
async def test_each_persons_deals_are_those_on_the_cards_the_gate_lets_them_see(
    db: Database, office_with_deals: dict[str, Customer], who: Actor
) -> None:
    deals, seen = await deals_and_cards_seen(db, who, office_with_deals)
    assert deals == seen  # one deal a card


@pytest.mark.parametrize(
    ("who", "cards"),
    [
        (actor("U_NOBODY"), ["LI1"]),  # shared with them
        (actor("U_OUT"), ["OUT1"]),  # SEC2 is shared with them, above their clearance
        (IN_CHANNEL, ["WANG1"]),  # shared with their channel
    ],
    ids=["share", "clearance", "channel"],
)
async def test_a_share_shows_a_deal_up_to_the_persons_clearance(
    db: Database, office_with_deals: dict[str, Customer], who: Actor, cards: list[str]
) -> None:
    deals, _ = await deals_and_cards_seen(db, who, office_with_deals)
    assert deals == cards
