"""Who may see a card: a card's shares are read only when they can change the answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.customers.access import CardAccess, Viewer, can_see, seen_whatever_its_shares

PEOPLE = st.sampled_from(["U_A", "U_B", "U_C"])
CHANNELS = st.frozensets(st.sampled_from(["C_1", "C_2"]))

viewers = st.builds(
    Viewer,
    user_id=PEOPLE,
    is_admin=st.booleans(),
    clearance=st.integers(0, 3),
    supervises=st.frozensets(PEOPLE),
    channels=CHANNELS,
)
cards = st.builds(
    CardAccess,
    manager_id=PEOPLE,
    security_level=st.integers(0, 3),
    shared_users=st.frozensets(PEOPLE),
    shared_channels=CHANNELS,
    open_level0=st.booleans(),
    archived=st.booleans(),
)


@given(viewer=viewers, card=cards)
def test_an_answer_given_without_the_shares_is_the_answer_with_them(
    viewer: Viewer, card: CardAccess
) -> None:
    unshared = CardAccess(
        manager_id=card.manager_id,
        security_level=card.security_level,
        open_level0=card.open_level0,
        archived=card.archived,
    )
    seen = seen_whatever_its_shares(viewer, unshared)
    if seen is not None:
        assert can_see(viewer, card) is seen
    else:  # the shares decide: without them the card is hidden
        assert can_see(viewer, unshared) is False


def test_a_card_is_seen_by_a_share_only_where_nothing_else_decides() -> None:
    rep = Viewer("U_REP", channels=frozenset({"C_TEAM"}))
    hp = CardAccess(manager_id="U_MGR", shared_users=frozenset({"U_REP"}))

    assert seen_whatever_its_shares(rep, hp) is None
    assert can_see(rep, hp)
    assert seen_whatever_its_shares(Viewer("U_MGR"), hp) is True
    assert seen_whatever_its_shares(Viewer("U_BOSS", supervises=frozenset({"U_MGR"})), hp)
    above = CardAccess(manager_id="U_MGR", security_level=2, shared_users=frozenset({"U_REP"}))
    assert seen_whatever_its_shares(rep, above) is False  # above the rep's clearance
