"""The help's usage lines speak the reader's language: what a person types in place of a
word (`<customer>`, `[amount]`) is named in Chinese for a Chinese reader, the keywords they type
as they are (`on|off`, `csv`) stay, and the English help is unchanged."""

from __future__ import annotations

from bot.console.render import render_blocks
from bot.views.help import USAGE, build_help, in_words_of


def test_a_chinese_reader_reads_the_words_to_type_in_chinese() -> None:
    shown = render_blocks(build_help("/customer", "zh").blocks)

    assert "/customer status <客户> <状态> [级别]" in shown
    assert "/customer deal <客户> <名称> [金额] [阶段] [成交日期] [下一步：…]" in shown
    assert "/customer requirement <客户> [必须|应该|可以] <需求> [验收标准：…]" in shown
    assert "<customer>" not in shown and "<status>" not in shown
    assert "on|off" in shown  # a keyword, typed as it is


def test_the_english_help_is_the_usage_as_written() -> None:
    for command, lines in USAGE.items():
        for usage, _ in lines:
            assert in_words_of(usage, "en") == usage, command
