"""Answers name things as people read them: phases by their labels, exports by what they
hold — never internal keys."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.console.harness import Harness
from bot.settings import Settings
from tests.slack_person import Person


@pytest.fixture
async def office(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(replace(settings, admins=frozenset({"U_WANG", "U_ALICE"}))) as harness:
        await harness.act_as("U_ALICE", name="Alice", locale="en-US", tz="America/New_York")
        await harness.act_as("U_WANG", name="王伟", locale="zh-CN", tz="Asia/Shanghai")
        yield harness


async def test_settings_stale_answers_with_phase_labels(office: Harness) -> None:
    wang, alice = Person(office, "U_WANG"), Person(office, "U_ALICE")

    await wang.type("/customer settings stale 实施 10")
    zh = wang.last_text()
    await alice.type("/customer settings stale lcm 60")
    en = alice.last_text()

    assert zh == "长期未联系天数：签约前 14，签约后 7，实施 10，收尾 14，生命周期管理 30"
    assert en == (
        "Stale after (days): Pre-contract 14, Post-contract 7, Implementation 10, "
        "Close-out 14, Life-cycle management 60"
    )
