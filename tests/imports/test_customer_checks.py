"""The candidates an import's row is judged against: those of the create modal's check."""

from __future__ import annotations

from bot.customers.duplicates import CANDIDATE_LIMIT
from bot.customers.keys import CardFacts, Key, probes
from bot.imports.customer_checks import candidates

SOUND: Key = ("sound", "SKNSH|")  # 测试公司1号 … 测试公司999号 all sound alike


def rows_having(count: int, key: Key) -> dict[Key, list[tuple[int, CardFacts]]]:
    return {key: [(row, CardFacts(f"测试公司{row}号有限公司", "")) for row in range(count)]}


def test_a_sound_a_thousand_earlier_rows_share_proposes_as_many_as_the_modal_would() -> None:
    earlier = rows_having(1000, SOUND)

    found = candidates({SOUND}, lambda key: earlier.get(key, []))

    assert len(found) == CANDIDATE_LIMIT
    assert [row for row, _, _ in found] == list(range(CANDIDATE_LIMIT))  # the earliest first
    assert {kind for _, _, kind in found} == {"sound"}


def test_a_slip_only_one_earlier_row_shares_is_proposed_beside_a_crowded_sound() -> None:
    slip: Key = ("typo", "nortgate")
    earlier = rows_having(1000, SOUND) | {slip: [(1000, CardFacts("Northgate Trading Ltd", ""))]}

    found = candidates({SOUND, slip}, lambda key: earlier.get(key, []))

    assert (1000, "typo") in {(row, kind) for row, _, kind in found}


def test_a_selective_key_proposes_every_row_that_has_it() -> None:
    phone: Key = ("phone", "+8613800138000")
    earlier = rows_having(1000, SOUND) | rows_having(300, phone)

    found = candidates({SOUND, phone}, lambda key: earlier.get(key, []))

    assert sum(kind == "phone" for _, _, kind in found) == 300
    assert sum(kind == "sound" for _, _, kind in found) == CANDIDATE_LIMIT


def test_names_alike_share_a_sound_but_not_their_brand() -> None:
    one, other = (
        probes(CardFacts("测试公司5号有限公司", "")),
        probes(CardFacts("测试公司12号有限公司", "")),
    )

    assert SOUND in one and SOUND in other
    # so a name repeated is found by its brand, a selective key, however many sound alike
    assert {k for k in one if k[0] == "brand"}.isdisjoint(other)
