"""`/log <customer> <what happened> [next: …]` read as the person meant it."""

from __future__ import annotations

import pytest

from bot.logs.line import read_log_line, split_kind

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates


@pytest.mark.parametrize(
    ("typed", "kind", "text", "next_step"),
    [
        ("hp 给张总打电话 下一步：发方案 下周五", "note", "hp 给张总打电话", "发方案 下周五"),
        ("hp 给张总打电话 下一步:发方案", "note", "hp 给张总打电话", "发方案"),
        (
            "call hp discussed pricing next: send proposal next Friday",
            "call",
            "hp discussed pricing",
            "send proposal next Friday",
        ),
        ("hp met Li NEXT: call back", "note", "hp met Li", "call back"),
        ("hp visited the plant Next step: quote", "note", "hp visited the plant", "quote"),
        ("电话 hp 问候", "call", "hp 问候", ""),
        ("hp  keeps   spacing  as typed", "note", "hp  keeps   spacing  as typed", ""),
    ],
)
def test_a_line_splits_into_kind_text_and_next_step(
    typed: str, kind: str, text: str, next_step: str
) -> None:
    line = read_log_line(typed)
    assert (line.kind, line.text, line.next_step) == (kind, text, next_step)


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        ("电话 问候张总", "call", "问候张总"),
        ("邮件 发报价", "email", "发报价"),
        ("拜访 现场", "visit", "现场"),
        ("会议 周会", "meeting", "周会"),
        ("备注 无", "note", "无"),
        ("Meeting: kickoff", "meeting", "kickoff"),
        ("kickoff meeting", None, "kickoff meeting"),
    ],
)
def test_a_kind_word_in_either_language(text: str, kind: str | None, rest: str) -> None:
    assert split_kind(text) == (kind, rest)
