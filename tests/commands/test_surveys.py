"""Acceptance and satisfaction from Slack's side (signed requests into the real app), as 001
runs them: *Done* on an acceptance milestone asks who accepted on the customer's side and
keeps who marked it and when; the project manager is asked in a DM to run the satisfaction
survey — filled in after a call, or answered by the customer's own people in a channel shared
with them; a score of 2 or less opens a feedback item that closes only once the resolution
has been reported back to the customer (闭环)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables, render_blocks
from bot.console.slack_double import Posting
from bot.store.plan_tables import Milestone
from bot.store.survey_models import Acceptance, FeedbackItem, Survey
from tests.jobs.test_shared_channels import a_later_monday_nine, briefs_to
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # due dates and reminders depend on the date

SHARED = "C_EXT"


async def hp_with_an_acceptance_milestone(harness: Harness) -> Person:
    """Wang's card of HP with its contact 张伟, linked in a channel HP's people are in, and
    an acceptance milestone typed by Wang."""
    harness.slack.shared_channels.add(SHARED)
    wang = Person(harness, "U_WANG", channel=SHARED)
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟")
    await wang.type("/customer link hp")
    in_two_months = (harness.service.clock.now() + timedelta(days=60)).date()
    await wang.type(f"/customer milestone hp 上线验收 {in_two_months.isoformat()}")
    await harness.act_as("U_LI", name="Li Na", locale="en-US", tz="Asia/Shanghai", team="T_HP")
    return wang


async def all_of(harness: Harness, model: type) -> list:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(model).order_by(model.id))).all())


async def press_done(person: Person, title: str) -> None:
    """*Done* on the milestone `title` in the card's plan."""
    await person.type("/customer plan hp")
    (milestone,) = [m for m in await all_of(person.harness, Milestone) if m.title == title]
    posting = person.last_posting()
    done = next(
        c for c in clickables(posting.blocks) if c.element.get("value") == str(milestone.id)
    )
    await person.workspace.click(posting, done, user=person.user)
    await person.harness.settle()


def dms_to(harness: Harness, user: str) -> list[Posting]:
    return [p for p in harness.slack.postings if p.channel == user and p.kind == "message"]


def shown(posting: Posting) -> str:
    return render_blocks(posting.blocks, fallback=posting.text)


async def accepted(harness: Harness, wang: Person) -> Posting:
    """The acceptance recorded, naming 张伟; the survey request Wang (the card's manager, no
    project) gets in a DM."""
    await press_done(wang, "上线验收")
    await wang.submit(contact="1", note="上线验收会签字")
    return dms_to(harness, "U_WANG")[-1]


async def test_acceptance_asks_the_manager_who_runs_the_survey_and_a_low_score_closes_the_loop(
    harness: Harness,
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)

    await press_done(wang, "上线验收")
    form = wang.last_view()
    await wang.submit(contact="1", note="上线验收会签字")
    recorded = next(shown(p) for p in reversed(harness.slack.postings) if "已记录验收" in p.text)
    request = dms_to(harness, "U_WANG")[-1]

    assert "验收" in str(form["title"]) and "客户方验收人" in str(form)
    assert "已记录验收：*上线验收*" in recorded and "客户方验收人：张伟" in recorded
    assert "已请 @U_WANG 开展满意度调查" in recorded
    (acceptance,) = await all_of(harness, Acceptance)
    assert (acceptance.accepted_by, acceptance.note) == ("U_WANG", "上线验收会签字")
    assert acceptance.contact_id is not None and acceptance.accepted_at is not None
    (milestone,) = await all_of(harness, Milestone)
    assert milestone.status == "done" and milestone.done_by == "U_WANG"
    assert "请开展满意度调查" in shown(request) and "[通话后填写]" in shown(request)

    await wang.click("通话后填写", request)
    await wang.submit(
        contact="1",
        quality="4",
        responsiveness="2",
        communication="3",
        overall="3",
        comment="响应慢",
    )
    answered = wang.last_text()

    assert "质量 *4* · 响应 *2* · 沟通 *3* · 总体 *3*" in answered
    assert "答复人：张伟" in answered and "响应慢" in answered
    assert "已创建反馈跟进项——响应得分低（2）：由 @U_WANG 跟进" in answered
    (item,) = await all_of(harness, FeedbackItem)
    (survey,) = await all_of(harness, Survey)
    assert (item.state, item.owner_id, item.questions, item.score) == (
        "open",
        "U_WANG",
        "responsiveness",
        2,
    )
    assert item.due_at == survey.answered_at + timedelta(days=7)

    await wang.click("查看")
    await wang.click("关闭——已向客户反馈")
    refused = await wang.submit(resolution="增加了一名驻场工程师")

    assert refused.json["response_action"] == "errors"
    assert "只有向客户反馈处理结果后才能关闭" in refused.json["errors"]["field_reported_back"]
    (item,) = await all_of(harness, FeedbackItem)
    assert item.state == "open"

    await wang.submit(
        resolution="增加了一名驻场工程师", reported_back="12月8日电话告知张总，客户认可"
    )
    closed = wang.last_text()

    (item,) = await all_of(harness, FeedbackItem)
    assert (item.state, item.closed_by) == ("closed", "U_WANG")
    assert "*已关闭*" in closed and "12月8日电话告知张总" in closed and "[" not in closed


async def test_a_score_outside_one_to_five_is_refused_under_its_field_in_the_users_language(
    harness: Harness,
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)
    await wang.click("通话后填写", request)

    answer = await wang.submit(quality="6", responsiveness="4", communication="0", overall="五")

    assert answer.json["response_action"] == "errors"
    errors = answer.json["errors"]
    assert "“6”不是有效分数——请填写 1 到 5 的整数" in errors["field_quality"]
    assert {"field_communication", "field_overall"} <= set(errors)
    assert "field_responsiveness" not in errors
    (survey,) = await all_of(harness, Survey)
    assert survey.state == "asked" and survey.quality is None
    assert await all_of(harness, FeedbackItem) == []


async def test_the_customers_people_answer_the_survey_in_the_channel_shared_with_them(
    harness: Harness,
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)

    await wang.click("发送给客户", request)
    told = wang.last_text()
    to_customer = next(
        p for p in reversed(harness.slack.postings) if p.channel == SHARED and p.kind == "message"
    )
    li = Person(harness, "U_LI", channel=SHARED)
    await li.click("填写调查", to_customer)
    await li.submit(
        quality="5", responsiveness="5", communication="4", overall="5", comment="Great"
    )

    assert "只有客户方人员可以在该频道中填写" in told
    assert "交付质量" in shown(to_customer) and "张伟" not in shown(to_customer)
    thanks = [
        shown(p) for p in harness.slack.postings if p.channel == SHARED and "@U_LI" in shown(p)
    ]
    assert thanks and "Thank you" in thanks[-1]  # in the customer's language
    (survey,) = await all_of(harness, Survey)
    assert (survey.state, survey.answered_by_user, survey.answered_by_team) == (
        "answered",
        "U_LI",
        "T_HP",
    )
    assert (survey.overall, survey.comment) == (5, "Great")
    assert await all_of(harness, FeedbackItem) == []  # nothing low: no follow-up
    assert "由 @U_LI 在共享频道中填写" in shown(dms_to(harness, "U_WANG")[-1])


async def test_a_colleague_cannot_answer_with_the_customers_survey_button(
    harness: Harness,
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)
    await wang.click("发送给客户", request)
    to_customer = next(
        p for p in reversed(harness.slack.postings) if p.channel == SHARED and p.kind == "message"
    )
    views_before = len(harness.slack.calls_to("views.open"))

    await wang.click("填写调查", to_customer)

    assert "该调查由客户方人员填写" in wang.last_text()
    assert len(harness.slack.calls_to("views.open")) == views_before
    (survey,) = await all_of(harness, Survey)
    assert survey.state == "sent"


async def test_someone_who_may_not_see_the_card_learns_nothing_of_its_survey_or_feedback(
    harness: Harness,
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)
    await wang.click("通话后填写", request)
    await wang.submit(quality="1", responsiveness="3", communication="3", overall="2")
    answered = wang.last_posting()
    fill = next(c for c in clickables(request.blocks) if c.label.endswith("通话后填写"))
    view = next(c for c in clickables(answered.blocks) if c.label.endswith("查看"))

    await harness.workspace.click(request, fill, user="U_OUT")
    await harness.workspace.click(answered, view, user="U_OUT")
    await harness.settle()

    told = [p.text for p in harness.slack.postings if p.user == "U_OUT"]
    assert len(told) == 2 and all("惠普" not in text and "HP" not in text for text in told)
    (survey,) = await all_of(harness, Survey)
    assert survey.state == "answered" and survey.recorded_by == "U_WANG"


async def test_an_open_feedback_item_reminds_its_owner_once_when_due_and_shows_on_the_card(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)
    await wang.click("通话后填写", request)
    await wang.submit(quality="2", responsiveness="3", communication="3", overall="2")
    answered_at = harness.service.clock.now()

    for days in (3, 7, 7, 8):
        await harness.service.jobs.run_reminders(answered_at + timedelta(days=days, minutes=1))

    reminders = [shown(p) for p in dms_to(harness, "U_WANG") if "已到期" in shown(p)]
    assert len(reminders) == 1  # once, when due, whatever the sweeps
    assert "惠普中国有限公司（HP）的反馈跟进项——质量 / 总体得分低（2）——已到期" in reminders[0]

    await wang.type("/customer show hp")
    card = wang.last_text()
    assert "客户满意度" in card and "2 分" in card and "1 个反馈跟进项未关闭" in card
    assert "满意度 2/5" in card  # a reason of the relationship's health


async def test_the_weekly_brief_lists_open_feedback_items_but_not_where_the_customer_reads(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(days=9))
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)
    await wang.click("通话后填写", request)
    await wang.submit(quality="4", responsiveness="1", communication="3", overall="3")

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    (full,) = briefs_to(harness, "U_WANG")  # the linker's full copy of the shared channel's
    assert "_未关闭的反馈跟进项_" in full
    assert "响应得分低（1）——截止" in full and "⚠️ 已逾期" in full
    (shared,) = briefs_to(harness, SHARED)
    assert "反馈跟进项" not in shared and "得分低" not in shared


async def test_the_cards_button_lists_its_feedback_items_open_first_for_those_who_see_it(
    harness: Harness,
) -> None:
    wang = await hp_with_an_acceptance_milestone(harness)
    request = await accepted(harness, wang)
    await wang.click("通话后填写", request)
    await wang.submit(quality="2", responsiveness="3", communication="3", overall="4")
    await wang.type("/customer show hp")
    card = wang.last_posting()

    await wang.click("反馈跟进项（1 个未关闭）", card)
    listed = wang.last_text()
    await wang.click("查看")
    opened = wang.last_text()
    button = next(c for c in clickables(card.blocks) if c.label.endswith("个未关闭）"))
    await harness.workspace.click(card, button, user="U_OUT")
    await harness.settle()

    assert "*反馈跟进项* — 惠普中国有限公司 (HP)（1）" in listed
    assert "质量得分低（2）· *跟进中* · 负责人 @U_WANG · 截止 " in listed and "[查看]" in listed
    assert "[关闭——已向客户反馈]" in opened
    told = [p.text for p in harness.slack.postings if p.user == "U_OUT"]
    assert len(told) == 1 and "惠普" not in told[0] and "反馈" not in told[0]
