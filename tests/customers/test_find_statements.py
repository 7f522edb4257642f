"""`/customer find` is the command people send most after `/log`: it lists what it finds in a
few statements (issue 17: at most 4), however the text was typed — the cards with their
kept health and whether anybody shares them, and, for a text fewer cards than a page
match, its likely misspellings in one more."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers.card_cases import find_cards
from bot.customers.governance import set_open_level0
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.db import Database
from bot.store.models import CardShare, TeamMember
from tests.conftest import NOW, TEAM, Create
from tests.statements import statements_sent

SHARES_READ = "card_share.kind"  # the shares themselves, not whether there are any


def view_alone(statement: str) -> bool:
    """The person's view read in a statement of its own (bot/store/access.py viewer_rows)."""
    return "AS view_setting" in statement and "FROM customer" not in statement


def person(user: str) -> Actor:
    return Actor(TEAM, user, "zh", ZoneInfo("Asia/Shanghai"), NOW)


@pytest.fixture
async def cards(db: Database, create: Create) -> None:
    """HP, Huitong and Jinke, U_MGR's; HP shared with U_REP; their health kept by the
    hourly sweep, as a running server keeps it."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await create("惠通物流有限公司", short_name="Huitong", actor="U_MGR")
    await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    async with db.transaction(write=True) as session:
        share = {"kind": "user", "target": "U_REP", "shared_by": "U_MGR"}
        session.add(CardShare(team_id=TEAM, customer_id=hp.id, **share))
    await refresh_kept_health(db, now=NOW)


@pytest.mark.parametrize(
    ("user", "text", "listed", "shares_read"),
    [
        ("U_MGR", "惠", ["HP", "Huitong"], False),  # their own cards: nothing else decides
        ("U_REP", "惠", ["HP"], True),  # HP is shared: its shares decide
        ("U_REP", "惠通", [], False),  # nobody shares Huitong: it is not theirs to see
    ],
)
async def test_a_cards_shares_are_read_only_when_it_has_any(
    db: Database, cards: None, user: str, text: str, listed: list[str], shares_read: bool
) -> None:
    with statements_sent(db) as sent:
        found = await find_cards(db, actor=person(user), text=text)

    assert sorted(f.customer.handle for f in found.found) == listed
    assert bool([s for s in sent if SHARES_READ in s]) is shares_read
    # what was typed, the cards with their kept health, whether they have shares and the
    # person's view of the workspace (not in a statement of its own), HP's shares
    assert len(sent) == (3 if shares_read else 2), "\n".join(sent)
    assert [s for s in sent if view_alone(s)] == []


@pytest.mark.parametrize("text", ["jinkee", "jnke", "jinkr"])
async def test_a_misspelt_find_looks_its_misspellings_up_in_one_statement(
    db: Database, cards: None, text: str
) -> None:
    with statements_sent(db) as sent:
        found = await find_cards(db, actor=person("U_MGR"), text=text)

    assert [f.customer.handle for f in found.found] == ["Jinke"]
    assert found.found[0].misspelt
    # what was typed, its misspellings, the cards with their kept health
    assert len(sent) == 3, "\n".join(sent)


async def test_a_misspelling_that_starts_like_no_card_looks_its_shorter_starts_up_at_once(
    db: Database, cards: None
) -> None:
    with statements_sent(db) as sent:
        found = await find_cards(db, actor=person("U_MGR"), text="jinxke")

    assert [f.customer.handle for f in found.found] == ["Jinke"]
    # what was typed, its misspellings with `jinxk…`, then `jinx…` and `jin…` together, the
    # cards with their kept health
    assert len(sent) == 4, "\n".join(sent)


async def test_a_shorter_start_that_holds_a_term_decides_without_the_still_shorter_ones(
    db: Database, create: Create
) -> None:
    """A term that starts like the text less two letters is within two edits of it: the
    terms of a still shorter start, which hold all of its and more, are not read (issue 17:
    a find of `fangiy` among 100,000 cards read 1,500 terms to keep 500)."""
    for name in ("Fangda", "Fangzheng", "Fanghua"):
        await create(f"{name} Trading Co", short_name=name, actor="U_MGR", different=True)
    await refresh_kept_health(db, now=NOW)
    with statements_sent(db) as sent:
        found = await find_cards(db, actor=person("U_MGR"), text="fangxy")

    assert {f.customer.handle for f in found.found} >= {"Fangda", "Fanghua"}
    # what was typed, its misspellings with `fangx…`, then `fang…` (and `fan…` read only if
    # `fang…` held nothing: tests/store/test_term_probes.py), the cards
    assert len(sent) == 4, "\n".join(sent)


@pytest.mark.parametrize(
    ("user", "open_level0", "listed"),
    [
        ("U_LEAD", False, ["HP", "Huitong"]),  # U_MGR reports to them
        ("U_BOSS", False, ["HP", "Huitong"]),  # and U_LEAD to U_BOSS
        ("U_OUT", False, []),  # outside the tree, nothing shared with them
        ("U_OUT", True, ["HP", "Huitong"]),  # level-0 cards open to everyone
    ],
)
async def test_the_view_read_with_the_cards_decides_as_the_view_read_alone(
    db: Database, cards: None, user: str, open_level0: bool, listed: list[str]
) -> None:
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_LEAD"))
        session.add(TeamMember(team_id=TEAM, user_id="U_LEAD", supervisor_id="U_BOSS"))
        await set_open_level0(
            session=session, team_id=TEAM, enabled=open_level0, actor_id="U_ADMIN", now=NOW
        )

    with statements_sent(db) as sent:
        found = await find_cards(db, actor=person(user), text="惠")

    assert sorted(f.customer.handle for f in found.found) == listed
    assert [s for s in sent if view_alone(s)] == []
