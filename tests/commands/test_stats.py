"""`/customer stats` typed as a person does: the figures, charts as Slack files in image
blocks with their numbers in the alt text, Share in channel, Export CSV — and the figures
still answered when the charts cannot be made."""

from __future__ import annotations

import sys

import pytest

from bot.console.harness import Harness
from tests.slack_person import Person

pytestmark = pytest.mark.calendar


@pytest.fixture
async def li(harness: Harness) -> Person:
    await harness.act_as("U_LI", name="Li", locale="en-US", tz="Asia/Shanghai")
    li = Person(harness, "U_LI")
    for name, handle in (("惠普中国有限公司", "HP"), ("金科电子有限公司", "JK")):
        await li.type(f"/customer new {name}")
        await li.submit(short_name=handle, city="上海")
    await li.type("/log hp 给张总打电话 next: 发方案 tomorrow")
    return li


def images(harness: Harness) -> list[dict]:  # type: ignore[type-arg]
    return [b for p in harness.slack.postings for b in p.blocks if b.get("type") == "image"]


async def test_stats_answer_with_the_figures_then_the_charts(harness: Harness, li: Person) -> None:
    await li.type("/customer stats")
    figures = next(p for p in harness.slack.postings if "Customer statistics" in p.text)
    from bot.console.render import render_blocks

    shown = render_blocks(figures.blocks)
    assert "2 customers you can see" in shown
    assert "*Health* 🟢 2 · 🟡 0 · 🔴 0" in shown
    assert shown.count("Pre-contract 2") == 1 and "0, 0, 0, 0, 0, 0, 0, 1" in shown
    assert "Pre-contract 2" in shown
    charts = images(harness)
    assert [c["title"]["text"] for c in charts] == [
        "Customers by status and level",
        "Customers by phase",
        "Contact records per week",
    ]
    assert "Pre-contract 2" in charts[1]["alt_text"]
    assert charts[0]["alt_text"].startswith(
        "Customers by status and level: Invalid 0; Basic level 1 2"
    )
    uploaded = {f["name"]: f["data"] for f in harness.slack.files.values()}
    assert uploaded["rapport-stats-funnel.png"].startswith(b"\x89PNG")
    assert {c["slack_file"]["id"] for c in charts} <= set(harness.slack.files)


async def test_charts_count_only_the_cards_the_asker_may_see(harness: Harness, li: Person) -> None:
    await harness.act_as("U_OUT", name="Out", locale="en-US", tz="Asia/Shanghai")
    out = Person(harness, "U_OUT")
    await out.type("/customer new 东方物流有限公司")
    await out.submit(short_name="DF")

    await li.type("/customer stats")

    funnel = images(harness)[1]["alt_text"]
    assert "Pre-contract 2" in funnel  # Li's two cards, not Out's third


async def test_share_puts_figures_and_charts_in_the_channel(harness: Harness, li: Person) -> None:
    await li.type("/customer stats 上海")
    figures = next(p for p in harness.slack.postings if "Customer statistics" in p.text)
    await li.click("Share in channel", figures)
    shared = [p for p in harness.slack.postings if p.kind == "message" and p.channel == "C_SALES"]
    assert any("Shared by" in str(p.blocks) and "in 上海" in str(p.blocks) for p in shared)
    assert any(b.get("type") == "image" for p in shared for b in p.blocks)


async def test_export_sends_the_figures_as_a_csv(harness: Harness, li: Person) -> None:
    await li.type("/customer stats")
    figures = next(p for p in harness.slack.postings if "Customer statistics" in p.text)
    await li.click("Export CSV", figures)
    assert "CSV file in your DMs" in li.last_text()
    csv = harness.slack.files[
        next(k for k, f in harness.slack.files.items() if f["name"] == "rapport-stats.csv")
    ]["data"].decode("utf-8-sig")
    assert "customers,,2" in csv and "By phase,Pre-contract,2" in csv


async def test_charts_that_fail_leave_the_figures_and_say_so(harness: Harness, li: Person) -> None:
    harness.slack.faults.fail_next = 50  # Slack refuses every upload
    await li.type("/customer stats")
    harness.slack.faults.fail_next = 0
    texts = [p.text for p in harness.slack.postings]
    assert any("Customer statistics" in text for text in texts)
    assert "The charts could not be made this time" in li.last_text()
    assert images(harness) == []


async def test_nothing_matching_says_what_would(harness: Harness, li: Person) -> None:
    await li.type("/customer stats 北京")
    text = li.last_text()
    assert "No customers match in 北京." in text
    assert "Without in 北京: 2 customers." in text and "上海 (2)" in text


def test_the_server_does_not_load_matplotlib_until_a_chart_is_drawn() -> None:
    import subprocess

    probe = (
        "import sys; import bot.commands.app, bot.commands.server, bot.jobs.runtime; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_a_chinese_reader_reads_levels_and_labels_as_chinese_writes_them(
    harness: Harness,
) -> None:
    await harness.act_as("U_ZHAO", name="赵敏", locale="zh-CN", tz="Asia/Shanghai")
    zhao = Person(harness, "U_ZHAO")
    for name, handle in (("惠普中国有限公司", "HP"), ("金科电子有限公司", "JK")):
        await zhao.type(f"/customer new {name}")
        await zhao.submit(short_name=handle)

    await zhao.type("/customer stats")

    from bot.console.render import render_blocks

    figures = next(p for p in harness.slack.postings if "客户统计" in p.text)
    shown = render_blocks(figures.blocks)
    assert "基础：1 级 2" in shown and "L1" not in shown, shown
