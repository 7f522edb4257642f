"""Forms in the console: dates in words, cancelling, and text of any length."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.store.models import ContactRecord, Customer
from tests.console.conftest import CTRL_C, CTRL_D, Desk
from tests.console.test_console import console
from tests.console.test_console_customers import NEW_HP

# customer (search, pick 1), kind, contact person, what happened, next step
LOG_FORM = ["/log", "东方", "1", "call", "", "called about the rollout", ""]


def test_a_date_field_reads_words_with_rapports_date_rules(tmp_path: Path) -> None:
    log_form = ["/log", "hp", "1", "call", "", "called about the rollout", ""]
    script = [NEW_HP, *log_form, "下周三", "", "quit", ""]  # follow-up date, time

    result = console("--tz", "Asia/Shanghai", cwd=tmp_path, stdin="\n".join(script))

    assert result.returncode == 0, result.stderr
    assert "Logged — Call with 惠普中国有限公司 (HP)." in result.stdout
    assert "Follow-up: Wed " in result.stdout and "09:00 (Asia/Shanghai)" in result.stdout
    assert "Traceback" not in result.stderr and "Something went wrong" not in result.stdout


async def test_a_date_or_time_it_cannot_read_is_asked_again_with_the_format(desk: Desk) -> None:
    shown = await desk.type(*LOG_FORM, "someday", "2031-03-04", "teatime", "15:30")

    assert "✗ “someday” is not a date I can read — type it as YYYY-MM-DD" in shown
    assert "✗ “teatime” is not a time I can read — type it as HH:MM" in shown
    assert "Follow-up: Tue 4 Mar 2031, 15:30 (Asia/Shanghai)" in shown


async def test_ctrl_c_or_ctrl_d_in_a_form_cancels_it_and_the_console_goes_on(desk: Desk) -> None:
    shown = await desk.type(
        "/customer new Jinke Electronics Co., Ltd.",
        CTRL_C,
        "/customer new Jinke Electronics Co., Ltd.",
        "",
        CTRL_D,
        CTRL_C,  # at the prompt: a fresh line
        "/customer find jinke",
    )

    assert shown.count("Form cancelled — nothing was saved.") == 2
    assert "No customer matches “jinke”" in shown
    assert shown.endswith("rapport> ")  # still there, until the input ends


async def test_text_with_broken_characters_is_logged_not_a_crash(desk: Desk) -> None:
    # what a terminal hands over when it cut a Chinese character in half
    shown = await desk.type("/log dongfang 打电话讨论方案\udce6\udcb5")

    assert "Logged — Note with 东方物流有限公司 (Dongfang)." in shown
    summary = await _last_summary(desk)
    assert summary == "打电话讨论方案\ufffd"


async def test_paste_takes_many_lines_as_one_command(desk: Desk) -> None:
    shown = await desk.type(
        "paste", "/log dongfang 会议纪要：", "一、方案已确认", "二、下周报价", "."
    )

    assert "end with a line holding only “.”" in shown
    assert "Logged — Note with 东方物流有限公司 (Dongfang)." in shown
    assert await _last_summary(desk) == "会议纪要：\n一、方案已确认\n二、下周报价"


async def test_help_says_how_to_give_long_text(desk: Desk) -> None:
    shown = await desk.type("help")

    assert "a line may be longer than the terminal's 4,096-byte limit" in shown
    assert "paste" in shown and "as USER [en|zh] [ZONE]" in shown and "home" in shown


async def _last_summary(desk: Desk) -> str:
    assert desk.console.harness.service is not None
    async with desk.console.harness.service.db.transaction() as session:
        query = select(ContactRecord).join(Customer).order_by(ContactRecord.id.desc())
        return (await session.exec(query)).first().summary


@pytest.mark.form_deadline(0.0)  # the save never fits Slack's seconds
async def test_a_form_still_saving_is_shown_and_left_with_nothing_to_submit(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:

    shown = await desk.type("/customer new Jinke Electronics Co., Ltd.", *[""] * 30)

    assert "── Saving… ──" in shown
    assert "Rapport is still saving this form" in shown  # what Slack shows in that window
    assert "Unhandled request" not in caplog.text  # a window with only Close is not submitted


async def test_a_person_is_typed_as_people_name_them_and_no_one_else_is_taken(
    desk: Desk,
) -> None:
    """Slack's user picker offers the workspace's people only: `@li` is 李娜, a name that is
    no one's is asked again, never saved as a manager nobody is."""
    edit = ["/customer show dongfang", "click 2", *[""] * 13]  # to the account manager
    shown = await desk.type(*edit, "@nobody", "@li", "", "", "as li", "/customer find dongfang")

    assert "✗ nobody in this workspace is called “@nobody”" in shown
    assert "*Manager*\n@李娜" in shown
    assert "<@" not in shown
    assert "Customers matching “dongfang”" in shown
