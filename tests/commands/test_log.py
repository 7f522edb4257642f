"""/log from Slack's side: the line, the form, the message shortcut, and the buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.db import Database
from bot.store.models import ContactRecord, FollowUp
from bot.views.inputs import text_input
from tests.slack_person import Person, fill

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates


def friday_next_week_at_nine(tz: ZoneInfo) -> datetime:
    """Worked out here from the calendar, independently of Rapport's date rules."""
    today = datetime.now(tz).date()
    monday_next_week = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    friday = monday_next_week + timedelta(days=4)
    return datetime(friday.year, friday.month, friday.day, 9, 0, tzinfo=tz).astimezone(UTC)


@pytest.fixture
async def db(database_url: str):
    database = Database(database_url)
    yield database
    await database.dispose()


async def records(db: Database) -> list[ContactRecord]:
    async with db.transaction() as session:
        return list((await session.exec(select(ContactRecord).order_by(ContactRecord.id))).all())


async def follow_ups(db: Database) -> list[FollowUp]:
    async with db.transaction() as session:
        return list((await session.exec(select(FollowUp).order_by(FollowUp.id))).all())


async def with_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    return wang


async def test_the_seeds_line_in_shanghai_sets_friday_next_week_at_nine(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)

    answer = await wang.type("/log hp 给张总打电话 下一步：发方案 下周五")

    assert answer.status == 200
    (record,) = await records(db)
    (follow_up,) = await follow_ups(db)
    assert (record.summary, record.next_step, record.author_id) == (
        "给张总打电话",
        "发方案 下周五",
        "U_WANG",
    )
    assert follow_up.due_at == friday_next_week_at_nine(ZoneInfo("Asia/Shanghai"))
    reply = wang.last_text()
    assert "已记录" in reply and "跟进提醒" in reply and "09:00（Asia/Shanghai）" in reply
    assert "[修改时间]" in reply and "[撤销]" in reply


async def test_the_same_in_english_resolves_in_new_york_time(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer share hp <@U_ALICE|alice>")  # Wang's card: Alice needs a share
    alice = Person(harness, "U_ALICE")

    await alice.type("/log hp called Zhang next: send the proposal next Friday")

    (follow_up,) = await follow_ups(db)
    assert follow_up.due_at == friday_next_week_at_nine(ZoneInfo("America/New_York"))
    assert "09:00 (America/New_York)" in alice.last_text()


async def test_a_past_date_asks_before_saving_without_a_reminder(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)

    await wang.type("/log hp 打电话 下一步：回电 昨天")
    assert "已经过去" in wang.last_text() and await records(db) == []

    await wang.click("不设提醒直接保存")
    assert "已按您的选择保存，未设跟进提醒" in wang.last_text()  # not "no date in it"
    await wang.click("不设提醒直接保存", posting=harness.slack.postings[-2])  # pressed twice

    assert len(await records(db)) == 1 and await follow_ups(db) == []
    assert "此记录已保存或已放弃" in wang.last_text()


async def test_an_unreadable_date_is_named_and_nothing_saved(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)

    await wang.type("/log hp 打电话 下一步：13月5日 回访")

    assert "无法识别日期“13月5日”" in wang.last_text()
    assert await records(db) == []


async def test_an_unknown_customer_is_named_with_an_offer_to_create(
    harness: Harness, db: Database
) -> None:
    wang = Person(harness, "U_WANG")

    await wang.type("/log 金科 打电话")

    assert "没有与“金科”匹配的客户" in wang.last_text()
    await wang.click("新建“金科”")
    assert wang.last_view()["blocks"][0]["element"]["initial_value"] == "金科"
    assert await records(db) == []


async def test_hostile_text_is_stored_exactly_and_escaped_when_shown(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)
    text = 'said "hi" & <script>alert(1)</script> <!channel> 🎉 DELETE FROM customer;'

    await wang.type(f"/log hp {text}")

    (record,) = await records(db)
    assert record.summary == text
    shown = str(wang.last_posting().blocks)
    assert "&lt;script&gt;" in shown and "&amp;" in shown and "<!channel>" not in shown


async def test_undo_and_change_time_from_the_reply(harness: Harness, db: Database) -> None:
    wang = await with_hp(harness)
    await wang.type("/log hp 打电话 下一步：发方案 下周五")
    reply = wang.last_posting()

    await wang.click("修改时间", posting=reply)
    target = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=30)).date()
    await wang.submit(follow_up_date=target.isoformat(), follow_up_time="14:30")
    (follow_up,) = await follow_ups(db)
    assert (
        follow_up.due_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
        == f"{target.isoformat()} 14:30"
    )

    await wang.click("撤销", posting=reply)
    (record,) = await records(db)
    assert record.retracted_at is not None
    assert (await follow_ups(db))[0].status == "cancelled"


async def test_the_form_with_a_searched_customer_and_a_picked_date(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟")

    answer = await wang.type("/log")
    assert answer.text == ""
    view = wang.last_view()
    assert view["title"]["text"] == "记录联系"
    day = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=3)).date().isoformat()
    await wang.submit(
        customer="惠普",
        kind="call",
        contact_id="张",
        summary="电话沟通需求",
        next_step="准备报价",
        follow_up_date=day,
    )

    (record,) = await records(db)
    assert (record.kind, record.source, record.summary) == ("call", "modal", "电话沟通需求")
    assert record.contact_id is not None
    (follow_up,) = await follow_ups(db)
    assert (
        follow_up.due_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
        == f"{day} 09:00"
    )


async def test_the_form_refuses_a_past_date_on_its_field(harness: Harness, db: Database) -> None:
    wang = await with_hp(harness)
    await wang.type("/log")

    answer = await wang.submit(customer="hp", summary="x", next_step="回电 昨天")
    missing = await wang.submit(summary="x")

    assert "已经过去" in answer.json["errors"]["field_next_step"]
    assert "请选择客户" in missing.json["errors"]["field_customer"]
    assert await records(db) == []


async def test_the_message_shortcut_saves_the_message_with_its_postmark(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)
    text = "张总：方案收到，下周我们内部评审 & 回复 <b>"

    await wang.workspace.interact(
        {
            "type": "message_action",
            "callback_id": "log_message",
            "trigger_id": "trigger.77",
            "team": {"id": "T_LOCAL"},
            "user": {"id": "U_WANG"},
            "channel": {"id": "C_SALES"},
            "message": {"ts": "1790000000.000100", "text": text, "user": "U_ZHANG"},
            "response_url": harness.slack.response_url("C_SALES", "U_WANG"),
        }
    )
    await harness.settle()
    assert wang.last_view()["title"]["text"] == "保存到客户"
    await wang.submit(customer="hp", kind="email", next_step="跟进评审结果 下周五")

    (record,) = await records(db)
    assert (record.summary, record.source, record.source_author_id) == (text, "message", "U_ZHANG")
    assert record.source_permalink.endswith("/archives/C_SALES/p1790000000000100")
    assert len(await follow_ups(db)) == 1


async def test_the_message_form_sent_twice_saves_the_message_once(
    harness: Harness, db: Database
) -> None:
    """Save pressed twice, or Slack sending the view again: the held message is taken once."""
    wang = await with_hp(harness)
    await wang.workspace.message_shortcut(
        "log_message", "报价已确认", user="U_WANG", channel="C_SALES", author="U_ZHANG"
    )
    await harness.settle()
    view = {**wang.last_view(), "id": "V_TWICE"}
    values = await fill(wang.workspace, view, wang.user, customer="hp", kind="email")

    first = await wang.workspace.submit_view(view, values, user=wang.user)
    await harness.settle()
    again = await wang.workspace.submit_view(view, values, user=wang.user)
    await harness.settle()

    assert (first.status, again.status) == (200, 200)
    (record,) = await records(db)
    assert record.summary == "报价已确认"
    assert "已保存" in again.json["errors"]["field_customer"]


async def test_editing_a_saved_message_longer_than_a_slack_form_keeps_its_whole_text(
    harness: Harness, db: Database
) -> None:
    """A Slack form holds 3,000 characters; a saved message may hold 40,000. Editing its
    next step must not cut the text down to what the form could show."""
    wang = await with_hp(harness)
    text = "会议纪要：" + "需求确认、报价、排期。" * 500  # 5,505 characters
    await wang.workspace.message_shortcut(
        "log_message", text, user="U_WANG", channel="C_SALES", author="U_ZHANG"
    )
    await harness.settle()
    await wang.submit(customer="hp", kind="meeting")
    await wang.type("/customer show hp")

    await wang.click("编辑记录")
    form = render_blocks(wang.last_view()["blocks"])
    await wang.submit(next_step="发报价单")

    old, new = await records(db)
    assert (len(new.summary), new.next_step, new.supersedes_id) == (len(text), "发报价单", old.id)
    assert new.summary == text
    assert "5505" in form and "保持不变" in form


async def test_the_card_shows_records_newest_first_and_pages_back(harness: Harness) -> None:
    wang = await with_hp(harness)
    for n in range(18):
        await wang.type(f"/log hp 第{n}次联系")

    await wang.type("/customer show hp")
    card = wang.last_text()
    assert card.index("第17次联系") < card.index("第13次联系")
    assert "第12次联系" not in card
    assert len(wang.last_posting().blocks) <= 50

    await wang.click("更早的记录")
    page = wang.last_text()
    assert page.index("第12次联系") < page.index("第3次联系") and "第2次联系" not in page
    await wang.click("更早的记录")
    assert "第0次联系" in wang.last_text() and "没有更早的记录" in wang.last_text()


async def test_a_record_is_edited_from_the_card_and_the_old_text_kept(
    harness: Harness, db: Database
) -> None:
    wang = await with_hp(harness)
    await wang.type("/log hp 打电话")
    await wang.type("/customer show hp")

    await wang.click("编辑记录")
    await wang.submit(summary="给张总打电话", next_step="")

    old, new = await records(db)
    assert (old.summary, old.superseded) == ("打电话", True)
    assert (new.summary, new.supersedes_id) == ("给张总打电话", old.id)
    await wang.type("/customer show hp")
    assert "给张总打电话" in wang.last_text() and "已编辑" in wang.last_text()


async def test_an_edit_form_that_carries_a_long_text_cut_short_is_refused_and_cuts_nothing(
    harness: Harness, db: Database
) -> None:
    """Issue 15 item 7: a 10,008-character record saved from a form that offered its text in
    a field (cut to the 3,000 a field holds: a form opened before, or a forged one) must not
    lose the rest; the form as it is now keeps the text whole."""
    wang = await with_hp(harness)
    text = "会议纪要：" + "需求确认、报价、排期。" * 909 + "全文完。"
    assert len(text) == 10_008
    await wang.workspace.message_shortcut(
        "log_message", text, user="U_WANG", channel="C_SALES", author="U_ZHANG"
    )
    await harness.settle()
    await wang.submit(customer="hp", kind="meeting")
    await wang.type("/customer show hp")
    await wang.click("编辑记录")
    form = {**wang.last_view(), "id": "V_OLD_FORM"}
    cut_short = text_input(
        "summary", "联系内容", initial=text[:3000], multiline=True, max_length=3000
    )
    offered = {**form, "blocks": [cut_short, *form["blocks"][1:]]}

    await wang.submit(offered, next_step="发报价单")  # answered at once, refused after

    (record,) = await records(db)
    assert (len(record.summary), record.next_step) == (len(text), "")
    assert "10008" in wang.last_text()
    await wang.submit(form, next_step="发报价单")
    old, new = await records(db)
    assert (new.summary, new.next_step, new.supersedes_id) == (text, "发报价单", old.id)
