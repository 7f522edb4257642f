"""Reading `/customer deal <customer> …` after its customer: each part by its shape, the rest
is the name; what looks like an amount or a date but does not read is refused, never kept in
the name."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import Invalid
from bot.sales.amounts import Money
from bot.sales.deal_line import DealLine, read_deal_line
from bot.store.pipeline import Pipeline, Stage

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # Monday 14:30 in Shanghai
SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY_NEXT_WEEK_9AM = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)


def read(text: str, pipeline: Pipeline | None = None) -> DealLine:
    return read_deal_line(text, pipeline=pipeline or Pipeline(), now=NOW, tz=SHANGHAI)


def test_a_chinese_line_with_every_part() -> None:
    line = read("ERP升级 120万 报价 12月31日 下一步：发方案 下周五")

    assert line == DealLine(
        name="ERP升级",
        amount=Money(120_000_000, "CNY"),
        stage="proposal",
        close=date(2026, 12, 31),
        next_step="发方案 下周五",
        next_step_due=FRIDAY_NEXT_WEEK_9AM,
    )


def test_an_english_line_with_a_quoted_name_and_an_amount_in_two_words() -> None:
    line = read('"ERP upgrade 2.0" USD 50k proposal Dec 31 next: send the deck next Friday')

    assert (line.name, line.amount, line.stage, line.close) == (
        "ERP upgrade 2.0",
        Money(5_000_000, "USD"),
        "proposal",
        date(2026, 12, 31),
    )
    assert line.next_step_due == FRIDAY_NEXT_WEEK_9AM


@pytest.mark.parametrize(
    ("text", "name", "stage"),
    [
        ("ERP 2.0 won", "ERP 2.0", "won"),
        ("ERP升级 赢单", "ERP升级", "won"),
        ("ERP升级 输单 原因：价格太高", "ERP升级", "lost"),
        ("won", "", "won"),  # the card's one open deal
        ("Proposal for ERP 50k", "Proposal for ERP", None),  # a stage word that starts a name
        ("ERP 2026", "ERP 2026", None),  # a year is not an amount
    ],
)
def test_the_stage_is_found_by_its_word_in_either_language(
    text: str, name: str, stage: str | None
) -> None:
    line = read(text)

    assert (line.name, line.stage) == (name, stage)


def test_a_loss_reason_and_a_next_step_in_either_order() -> None:
    line = read("ERP lost reason: price too high next: call again in 2 weeks")

    assert line.loss_reason == "price too high"
    assert line.next_step == "call again in 2 weeks"


def test_a_probability_and_an_owner() -> None:
    line = read("ERP 70% <@U_LI|li> 1.2m")

    assert (line.name, line.probability, line.owner_id) == ("ERP", 70, "U_LI")


def test_a_custom_stage_is_read_by_its_own_name() -> None:
    pipeline = Pipeline((Stage("qualified", 10, 30), Stage("poc", 40, 14, label="POC测试")))

    assert read("ERP POC测试", pipeline).stage == "poc"
    assert read("ERP proposal", pipeline).stage is None  # not a stage of this pipeline


def test_a_close_date_in_the_past_is_marked_to_be_confirmed() -> None:
    line = read("ERP 2026-11-20")

    assert (line.close, line.close_past) == (date(2026, 11, 20), True)


def test_today_as_the_close_date_is_not_in_the_past() -> None:
    assert read("ERP 今天").close_past is False


@pytest.mark.parametrize(
    ("text", "field", "key"),
    [
        ("ERP 1,20万", "amount", "amount.grouping"),
        ("ERP ¥5 USD", "amount", "amount.two_currencies"),
        ("ERP 下周八", "close", "deal.close_unreadable"),
        ("ERP next: 发方案 下周八", "next_step", "deal.next_unreadable"),
        ("ERP next: call 2026-11-01", "next_step", "deal.next_past"),
    ],
)
def test_what_looks_meant_but_does_not_read_is_refused(text: str, field: str, key: str) -> None:
    with pytest.raises(Invalid) as refused:
        read(text)

    assert refused.value.errors[field].key == key


@pytest.mark.parametrize(
    ("text", "stage"),
    [("won 2026-11-23", "won"), ("赢单 今天", "won"), ("proposal tomorrow", "proposal")],
)
def test_a_stage_with_a_date_alone_is_the_stage_not_a_deals_name(text: str, stage: str) -> None:
    line = read(text)

    assert (line.name, line.stage) == ("", stage) and line.close is not None
