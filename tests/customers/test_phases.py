"""Phase words, the order of phases, and the transition form's rules."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.customers.form import FormInvalid
from bot.customers.milestones import read_milestone
from bot.customers.phases import PHASES, PhaseForm, check_phase_form, following, read_phase

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("word", "phase"),
    [
        ("pre-contract", "pre_contract"),
        ("签约前", "pre_contract"),
        ("Post Contract", "post_contract"),
        ("签约后", "post_contract"),
        ("implementation", "implementation"),
        ("实施", "implementation"),
        ("close-out", "close_out"),
        ("收尾", "close_out"),
        ("LCM", "lcm"),
        ("生命周期管理", "lcm"),
        ("done", None),
        ("完工", None),
    ],
)
def test_phase_words_in_both_languages(word: str, phase: str | None) -> None:
    assert read_phase(word) == phase


def test_the_phases_follow_the_outline_and_lcm_is_last() -> None:
    assert [following(p) for p in PHASES] == [*PHASES[1:], "lcm"]


@pytest.mark.parametrize(
    ("current", "to_phase", "needs_reason"),
    [
        ("pre_contract", "post_contract", False),
        ("pre_contract", "pre_contract", False),
        ("pre_contract", "implementation", True),
        ("implementation", "post_contract", True),
    ],
)
def test_going_back_or_skipping_needs_a_reason(
    current: str, to_phase: str, needs_reason: bool
) -> None:
    form = PhaseForm(to_phase=to_phase, primary_contact_id="U1")
    if needs_reason:
        with pytest.raises(FormInvalid) as refused:
            check_phase_form(form, current=current, tz=SHANGHAI, now=NOW)
        assert set(refused.value.errors) == {"reason"}
    check_phase_form(
        PhaseForm(to_phase=to_phase, primary_contact_id="U1", reason="客户要求"),
        current=current,
        tz=SHANGHAI,
        now=NOW,
    )


def test_the_next_meeting_is_at_nine_local_and_not_in_the_past() -> None:
    meeting = check_phase_form(
        PhaseForm(to_phase="post_contract", primary_contact_id="U1", next_meeting="2026-11-30"),
        current="pre_contract",
        tz=SHANGHAI,
        now=NOW,
    )
    assert meeting == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    with pytest.raises(FormInvalid):
        check_phase_form(
            PhaseForm(to_phase="post_contract", primary_contact_id="U1", next_meeting="2026-11-01"),
            current="pre_contract",
            tz=SHANGHAI,
            now=NOW,
        )


def test_a_milestone_line_has_a_title_and_a_date() -> None:
    assert read_milestone("上线验收 12月3日", now=NOW, tz=SHANGHAI) == (
        "上线验收",
        datetime(2026, 12, 3, 1, 0, tzinfo=UTC),
    )
    assert read_milestone("Go-live Dec 3", now=NOW, tz=SHANGHAI)[0] == "Go-live"
    for bad in ("上线验收", "上线 13月3日", "上线 昨天", "12月3日"):
        with pytest.raises(FormInvalid):
            read_milestone(bad, now=NOW, tz=SHANGHAI)
