"""The manager's views in the console: statistics with each chart's numbers (its alt text),
a card's health, and a supervisor's weekly roll-up from a brief sweep."""

from __future__ import annotations

import pytest

from tests.console.conftest import Desk
from tests.jobs.test_rollups import SHANGHAI, next_monday_nine

pytestmark = pytest.mark.calendar


async def test_stats_print_the_figures_and_each_charts_numbers(desk: Desk) -> None:
    shown = await desk.type("/customer stats")

    assert "Customer statistics" in shown
    assert "[Customers by phase] Customers by phase: " in shown  # a chart, as its alt text


async def test_a_card_shows_its_health_with_the_reasons(desk: Desk) -> None:
    shown = await desk.type("/customer show dongfang")

    assert "东方物流有限公司" in shown
    assert "Health 80/100* — healthy · no known decision maker; value not assessed" in shown


async def test_a_brief_sweep_prints_the_supervisors_roll_up(desk: Desk) -> None:
    shown = await desk.type(f"jobs briefs {next_monday_nine(SHANGHAI).isoformat()}")

    rollup = shown.split("团队每周汇总", 1)[1]  # to 赵敏, who reads Chinese; 李娜 reports to her
    assert "你团队 1 人负责的 1 个客户" in rollup
    assert "*本周新增客户*：1 个" in rollup and "东方物流有限公司" in rollup
