"""Every date shown in a Chinese message is written in Chinese, in the reader's time zone
(issue 13, item 9: “昨天”已经过去（Mon 30 Nov 2026 …）).

Each surface that shows a date is rendered as the console shows it (Slack's date tokens show
their fallback there, as in notifications) and read like a person would.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.console.render import mrkdwn_to_text, render_blocks
from bot.customers.dashboard import Dashboard
from bot.customers.form import FormInvalid, Message
from bot.dates.understand import InThePast
from bot.logs.forms import check_next_step_date
from bot.logs.intake import DateProblem
from bot.store.models import Delivery, FollowUp, Milestone, PhasePlan
from bot.views.blocks import Reply
from bot.views.briefs import build_brief
from bot.views.customer_errors import render_message
from bot.views.home import build_home
from bot.views.log_replies import build_date_problem
from bot.views.plan import milestone_block, plan_lines
from bot.views.reminders import render_reminder

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
CHINESE_DAY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 周[一二三四五六日]")
ENGLISH_DATE_WORDS = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|UTC>|\d{4}-\d{2}-\d{2})\b"
)


def shown(reply: Reply) -> str:
    return render_blocks(reply.blocks, fallback=reply.text)


def assert_chinese_dates(text: str, *expected: str) -> None:
    assert CHINESE_DAY.search(text), text
    assert not ENGLISH_DATE_WORDS.search(text), text
    for part in expected:
        assert part in text, text


def delivery(kind: str, **payload: object) -> Delivery:
    return Delivery(
        team_id="T1",
        kind=kind,
        item_key="1",
        period="2026-11-30",
        target="U1",
        payload={"tz": "Asia/Shanghai", **payload},
        due_at=DUE,
    )


def test_a_past_date_in_the_log_form_is_shown_in_chinese() -> None:
    with pytest.raises(FormInvalid) as refused:
        check_next_step_date("回电 昨天", tz=SHANGHAI, now=NOW)

    text = render_message(refused.value.errors["next_step"], "zh")
    assert_chinese_dates(text, "“昨天”已经过去（2026年11月30日 周一 09:00（Asia/Shanghai））")


def test_a_past_date_in_a_milestone_is_shown_in_chinese() -> None:
    message = Message("milestone.date_past", {"phrase": "昨天", "when": DUE.astimezone(SHANGHAI)})
    assert_chinese_dates(render_message(message, "zh"), "2026年11月30日 周一 09:00")


def test_a_past_date_in_a_log_line_is_shown_in_chinese() -> None:
    problem = DateProblem(7, InThePast(DUE.astimezone(SHANGHAI), "昨天"))
    assert_chinese_dates(shown(build_date_problem(problem, "zh")), "2026年11月30日 周一 09:00")


@pytest.mark.parametrize(
    ("kind", "payload", "expected"),
    [
        (
            "follow_up",
            {"customer": "惠普", "handle": "hp", "title": "回电", "follow_up_id": 3},
            "到期时间 2026年11月30日 周一 09:00（Asia/Shanghai）",
        ),
        (
            "overdue_digest",
            {"count": 1, "items": [{"customer": "惠普", "title": "回电", "due_at": f"{DUE}"}]},
            "惠普: 回电 — 2026年11月30日 周一 09:00",
        ),
        (
            "milestone_soon",
            {"customer": "惠普", "title": "上线", "due_at": DUE.isoformat()},
            "上线（2026年11月30日 周一 09:00",
        ),
        (
            "cadence_missed",
            {"customer": "惠普", "cadence": "weekly", "from": "2026-11-16", "to": "2026-11-22"},
            "2026年11月16日 周一 至 2026年11月22日 周日",
        ),
    ],
)
def test_reminders_show_their_dates_in_chinese(kind: str, payload: dict, expected: str) -> None:
    reply = render_reminder(delivery(kind, **payload), "zh", DUE)
    assert reply is not None
    assert_chinese_dates(shown(reply), expected)


def test_a_late_reminder_says_when_it_was_due_in_chinese() -> None:
    late = delivery("milestone_soon", customer="惠普", title="上线", due_at=DUE.isoformat())
    reply = render_reminder(late, "zh", NOW)
    assert reply is not None
    assert_chinese_dates(shown(reply), "原定于 2026年11月30日 周一 09:00")


def test_the_weekly_brief_shows_its_week_and_dates_in_chinese() -> None:
    customer = {
        "name": "惠普",
        "handle": "hp",
        "phase": "implementation",
        "primary": "U1",
        "records": 0,
        "highlights": [],
        "due": [{"title": "回电", "due_at": DUE.isoformat(), "owner": "U1"}],
        "overdue": [],
        "milestones": [{"title": "上线", "due_at": DUE.isoformat()}],
        "phase_changes": [],
    }
    reply = build_brief({"customers": [customer]}, {"tz": "Asia/Shanghai"}, "2026-11-30", "zh")
    assert reply is not None
    text = shown(reply)
    assert_chinese_dates(text, "2026年11月30日 周一 当周", "回电 — 2026年11月30日 周一 09:00")


def test_the_home_tab_shows_follow_ups_in_chinese_where_slack_cannot_show_the_date() -> None:
    follow_up = FollowUp(
        team_id="T1", customer_id=1, record_id=1, owner_id="U1", title="回电", due_at=DUE
    )
    follow_up.tz = "Asia/Shanghai"
    home = build_home("zh", Dashboard(overdue=[(follow_up, "惠普")]))
    text = "\n".join(mrkdwn_to_text(b["text"]["text"]) for b in home["blocks"] if "text" in b)
    assert_chinese_dates(text, "惠普: 回电 — 2026年11月30日 周一 09:00（Asia/Shanghai）")


def test_the_plan_shows_the_next_meeting_and_milestones_as_days_not_numbers() -> None:
    plan = PhasePlan(team_id="T1", customer_id=1, phase="implementation", cadence="weekly")
    plan.primary_contact_id, plan.next_meeting_at = "U1", DUE
    milestone = Milestone(team_id="T1", customer_id=1, title="上线", due_at=DUE, created_by="U1")
    milestone.tz = "Asia/Shanghai"

    lines = mrkdwn_to_text("\n".join(plan_lines(plan, [], "zh", SHANGHAI)))
    block = mrkdwn_to_text(milestone_block(milestone, "zh")["text"]["text"])
    assert_chinese_dates(lines, "下次 2026年11月30日 周一 09:00（Asia/Shanghai）")
    assert str(int(DUE.timestamp())) not in lines
    assert_chinese_dates(block, "上线* — 2026年11月30日 周一")
