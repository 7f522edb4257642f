"""Contact roles as a person sets them: the card says who decides; when the decision maker
leaves, the account manager and their supervisors get a DM, and the card's health says so."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.console.harness import Harness
from bot.settings import Settings
from tests.slack_person import Person


@pytest.fixture
async def office(settings: Settings):  # type: ignore[no-untyped-def]
    async with Harness(replace(settings, admins=frozenset({"U_ADMIN"}))) as harness:
        for user, tz in (("U_LI", "Asia/Shanghai"), ("U_LEAD", "UTC"), ("U_ADMIN", "UTC")):
            await harness.act_as(user, name=user[2:].title(), locale="en-US", tz=tz)
        await harness.act_as("U_DIR", name="赵", locale="zh-CN", tz="Asia/Shanghai")
        admin = Person(harness, "U_ADMIN")
        await admin.type("/customer team supervisor <@U_LI|li> <@U_LEAD|lead>")
        await admin.type("/customer team supervisor <@U_LEAD|lead> <@U_DIR|dir>")
        li = Person(harness, "U_LI")
        await li.type("/customer new 惠普中国有限公司")
        await li.submit(short_name="HP")
        await li.type("/customer contact hp")
        await li.submit(name="张伟", title="CIO")
        yield harness


async def test_the_card_names_the_decision_maker_and_health_sees_them(office: Harness) -> None:
    li = Person(office, "U_LI")
    await li.type("/customer show hp")
    assert "no known decision maker" in li.last_text()
    await li.type("/customer role hp 张伟 decision maker")
    assert "张伟 at 惠普中国有限公司: Decision maker, active." in li.last_text()
    await li.type("/customer show hp")
    card = li.last_text()
    assert (
        "*张伟* · CIO · Decision maker" in card
        and "Health 95/100" in card
        and "no known decision maker" not in card
    )


async def test_the_decision_maker_leaving_is_told_to_manager_and_supervisors(
    office: Harness,
) -> None:
    li = Person(office, "U_LI")
    await li.type("/customer role hp 张伟 决策人")
    await li.type("/customer role hp 张伟 离职")
    dms = {
        p.channel: p.text for p in office.slack.postings if p.channel in ("U_LI", "U_LEAD", "U_DIR")
    }
    assert set(dms) == {"U_LI", "U_LEAD", "U_DIR"}
    assert "has left the company" in dms["U_LEAD"] and "no active decision maker" in dms["U_LEAD"]
    assert "决策人 张伟 已离职" in dms["U_DIR"]  # the director reads Chinese
    await li.type("/customer show hp")
    assert "no active decision maker (the decision maker left)" in li.last_text()


async def test_the_role_form_from_the_contact_menu(office: Harness) -> None:
    li = Person(office, "U_LI")
    await li.type("/customer show hp")
    await li.click("Role…")
    await li.submit(role="decision_maker", state="left")
    assert "Decision maker, left the company" in li.last_text()
    assert any(p.channel == "U_DIR" for p in office.slack.postings) is False  # never a DM before
