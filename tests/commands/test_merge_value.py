"""Merging duplicates (客户合并) with undo, and value tiers (客户价值评估) that drive revisits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.customers.form import FormInvalid
from bot.customers.value import score_of, tier_of
from bot.settings import Settings
from bot.store.models import Contact, ContactRecord, Customer, FollowUp
from tests.slack_person import Person


@pytest.fixture
async def office(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(replace(settings, admins=frozenset({"U_ADMIN"}))) as harness:
        for user in ("U_WANG", "U_ADMIN", "U_OUT"):
            await harness.act_as(user, name=user[2:].title(), locale="en-US", tz="UTC")
        wang = Person(harness, "U_WANG")
        await wang.type("/customer new 惠普中国有限公司")
        await wang.submit(short_name="HP")
        await wang.type("/customer new 惠普科技（上海）有限公司")
        await wang.submit(short_name="HP2", phone="021-63539330", different_company="1")
        await wang.type("/customer contact hp2")
        await wang.submit(name="张伟")
        await wang.type("/log hp2 打电话 next: 发方案 next Friday")
        yield harness


async def rows(harness: Harness, model: type) -> list:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(model))).all())


async def test_a_merge_is_previewed_confirmed_and_moves_everything(office: Harness) -> None:
    wang = Person(office, "U_WANG")

    await wang.type("/customer merge hp2 into hp")
    preview = wang.last_text()
    assert "1 contact," in preview and "1 contact record," in preview and "1 follow-up." in preview
    await wang.click("Merge")

    assert "Merged 惠普科技（上海）有限公司 into 惠普中国有限公司" in wang.last_text()
    hp, hp2 = sorted(await rows(office, Customer), key=lambda c: c.id)
    assert (hp2.merged_into, hp2.archived_at is not None) == (hp.id, True)
    assert {c.customer_id for c in await rows(office, Contact)} == {hp.id}
    assert {r.customer_id for r in await rows(office, ContactRecord)} == {hp.id}
    assert {f.customer_id for f in await rows(office, FollowUp)} == {hp.id}

    await wang.type("/customer show hp2")  # the duplicate's name leads to the kept card
    assert "惠普中国有限公司" in wang.last_text() and "张伟" in wang.last_text()
    await wang.type("/customer find 63539330")
    assert "惠普中国有限公司" in wang.last_text()
    await wang.type("/customer new 惠普科技（上海）有限公司")
    error = (await wang.submit()).json["errors"]["field_legal_name"]
    assert "惠普中国有限公司" in error


async def test_an_admin_can_undo_a_merge_exactly(office: Harness) -> None:
    wang, admin = Person(office, "U_WANG"), Person(office, "U_ADMIN")
    await wang.type("/customer merge hp2 into hp")
    await wang.click("Merge")

    await wang.type("/customer unmerge hp2")
    assert "Only workspace admins" in wang.last_text()
    await admin.type("/customer unmerge hp2")

    assert "is a card of its own again" in admin.last_text()
    _hp, hp2 = sorted(await rows(office, Customer), key=lambda c: c.id)
    assert (hp2.merged_into, hp2.archived_at) == (None, None)
    assert {c.customer_id for c in await rows(office, Contact)} == {hp2.id}
    assert {r.customer_id for r in await rows(office, ContactRecord)} == {hp2.id}
    await wang.type("/customer history hp2")
    assert "*Merge undone*" in wang.last_text() and "*Cards merged*" in wang.last_text()


async def test_merging_needs_the_right_to_change_both_cards(office: Harness) -> None:
    out = Person(office, "U_OUT")

    await out.type("/customer merge hp2 into hp")

    assert "No customer matches" in out.last_text()  # Out cannot even see them
    assert all(c.merged_into is None for c in await rows(office, Customer))


async def test_merge_usage_and_same_card(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    await wang.type("/customer merge hp2")
    assert "/customer merge <duplicate> into <kept>" in wang.last_text()
    await wang.type("/customer merge hp into hp")
    assert "same card" in wang.last_text()


@pytest.mark.parametrize(
    ("scores", "tier"),
    [
        ({"size": "5", "profitability": "4", "investment": "4", "strategic_fit": "3"}, "A"),
        ({"size": "3", "profitability": "3", "investment": "2", "strategic_fit": "2"}, "B"),
        ({"size": "1", "profitability": "2", "investment": "2", "strategic_fit": "1"}, "C"),
    ],
)
def test_four_factors_give_a_score_and_a_tier(scores: dict, tier: str) -> None:
    score, _ = score_of(scores)
    assert tier_of(score) == tier


def test_a_factor_out_of_range_is_refused_on_that_factor() -> None:
    with pytest.raises(FormInvalid) as refused:
        score_of({"size": "9", "profitability": "3", "investment": "", "strategic_fit": "2"})
    assert set(refused.value.errors) == {"size", "investment"}


@pytest.mark.calendar  # revisits fall due a month on: ./dev test runs it at awkward dates
async def test_value_is_assessed_shown_and_core_customers_get_revisits(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    await wang.type("/customer value hp")
    await wang.submit(size="5", profitability="4", investment="4", strategic_fit="4")
    assert "value 17 → tier A" in wang.last_text()

    await wang.type("/customer show hp")
    assert "A (17)" in wang.last_text()
    await wang.type("/customer find 惠普")
    assert "· A" in wang.last_text()

    jobs, now = office.service.jobs, datetime.now(UTC)
    await jobs.run_reminders(now + timedelta(days=20))
    await jobs.run_reminders(now + timedelta(days=31))
    await jobs.run_reminders(now + timedelta(days=32))
    revisits = [
        p.text
        for p in office.slack.postings
        if p.kind == "message" and p.channel == "U_WANG" and "revisit" in p.text
    ]
    assert len(revisits) == 1 and "惠普中国有限公司" in revisits[0]


async def test_a_refused_merge_names_the_card_the_person_may_not_change(office: Harness) -> None:
    out, wang = Person(office, "U_OUT"), Person(office, "U_WANG")
    await out.type("/customer new Outer Trading Co., Ltd.")
    await out.submit(short_name="OUTER")
    await out.type("/customer share outer <@U_WANG|wang>")  # Wang sees it, may not change it

    await wang.type("/customer merge hp2 into outer")

    assert "Only the manager of Outer Trading Co., Ltd." in wang.last_text()
    assert all(c.merged_into is None for c in await rows(office, Customer))
