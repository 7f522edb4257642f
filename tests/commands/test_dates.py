"""Dates from Slack's side (issue 13, items 9 and 10): a date is read whole or named back and
nothing is saved, and every date Rapport answers with is in the person's language and zone.

The person types relative dates and Rapport runs on today's clock, so these tests check what
holds on any day (the 5th is the 5th; a Chinese date looks Chinese), never a calendar date.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.console.harness import Harness
from bot.store.db import Database
from bot.store.models import ContactRecord, Milestone
from tests.slack_person import Person

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHINESE_MOMENT = r"\d{4}年\d{1,2}月\d{1,2}日 周[一二三四五六日] \d{2}:\d{2}（Asia/Shanghai）"
ENGLISH_DATE_WORDS = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Nov|Dec|UTC)\b")


async def rows(database_url: str, model: type) -> list:
    db = Database(database_url)
    async with db.transaction() as session:
        found = list((await session.exec(select(model))).all())
    await db.dispose()
    return found


async def with_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    return wang


async def test_a_milestone_date_read_in_part_is_named_and_nothing_is_saved(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer milestone hp 上线验收 下周八")
    assert "无法识别日期“下周八”" in wang.last_text()
    await wang.type("/customer milestone hp Go-live sign-off tomorrow 5")
    assert "无法识别日期“tomorrow 5”" in wang.last_text()
    assert await rows(database_url, Milestone) == []


async def test_the_reported_milestone_line_is_saved_on_the_fifth_with_its_title(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer milestone hp Go-live sign-off next month 5th")

    (milestone,) = await rows(database_url, Milestone)
    due = milestone.due_at.astimezone(SHANGHAI)
    assert milestone.title == "Go-live sign-off"
    assert (due.day, due.hour) == (5, 9)
    reply = wang.last_text()
    assert "添加里程碑“Go-live sign-off”" in reply
    shown = rf"{due.year}年{due.month}月5日 周[一二三四五六日] 09:00（Asia/Shanghai）"
    assert re.search(shown, reply), reply


async def test_a_past_date_in_the_log_form_is_shown_in_chinese(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/log")

    answer = await wang.submit(customer="hp", summary="x", next_step="回电 昨天")

    error = answer.json["errors"]["field_next_step"]
    assert re.search(rf"“昨天”已经过去（{CHINESE_MOMENT}）", error), error
    assert not ENGLISH_DATE_WORDS.search(error), error
    assert await rows(database_url, ContactRecord) == []


async def test_a_follow_up_read_from_a_log_line_is_shown_in_chinese(harness: Harness) -> None:
    wang = await with_hp(harness)

    await wang.type("/log hp 电话沟通 下一步：发方案 半小时后")

    reply = wang.last_text()
    assert re.search(rf"跟进提醒：{CHINESE_MOMENT}", reply), reply
    assert not ENGLISH_DATE_WORDS.search(reply), reply
