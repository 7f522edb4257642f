"""The console shows what Slack would: App Home, @name mentions, files, local times, and
its own words in the person's language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

from bot.console.repl import ESCAPED_COMMANDS, Console
from bot.console.slack_double import TEAM
from bot.customers.card_writes import create_customer
from bot.customers.form import CustomerForm, parse_customer_form
from tests.console.conftest import Desk
from tests.console.test_console import console

NOW = datetime(2026, 11, 22, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai, 02:30 in Berlin


async def test_home_shows_the_app_home_tab_of_whoever_types(desk: Desk) -> None:
    shown = await desk.type("as li", "home")

    assert "[your Home tab]" in shown
    assert "Pre-contract (1): Dongfang" in shown.split("My customers by phase")[1]


async def test_click_with_digits_that_are_no_number_is_no_click(desk: Desk) -> None:
    """The console's choice reader took ① for a digit (found by ./dev fuzz console_line);
    `click` made the same mistake."""
    shown = await desk.type("click ①", "click ３")

    assert "Type a slash command" in shown
    assert "There is no button 3." in shown


async def test_a_form_opened_from_home_answers_in_a_direct_message(desk: Desk) -> None:
    log_form = ["东方", "1", "", "", "talked about the rollout", "", "", ""]
    shown = await desk.type("home", "click 2", *log_form)

    assert "[direct message from Rapport]\nLogged — Note with 东方物流有限公司" in shown


async def test_a_mention_typed_as_at_name_reaches_rapport_as_slack_sends_it(desk: Desk) -> None:
    shown = await desk.type("/customer share dongfang @wang", "as wang", "/customer find 东方")

    assert "东方物流有限公司 is now shared with @王伟." in shown
    assert "*东方物流有限公司*" in shown.split("王伟（@wang，U_WANG）")[1]


def test_the_console_escapes_mentions_for_the_commands_the_manifest_escapes() -> None:
    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yml").read_text())
    commands = manifest["features"]["slash_commands"]

    assert {c["command"] for c in commands if c.get("should_escape")} == ESCAPED_COMMANDS


async def test_an_export_is_saved_in_the_working_directory(desk: Desk, tmp_path: Path) -> None:
    shown = await desk.type("/customer export", "/customer export")

    saved = tmp_path / "rapport-customers.csv"
    assert f"saved as {saved}" in shown
    assert "东方物流有限公司" in saved.read_text(encoding="utf-8-sig")
    assert f"saved as {tmp_path / 'rapport-customers (2).csv'}" in shown  # none overwritten


async def test_times_show_in_the_zone_of_the_person_reading(desk: Desk) -> None:
    console: Console = desk.console
    assert console.harness.service is not None
    form = CustomerForm(legal_name="惠普中国有限公司", short_name="HP", manager_id="U_LOCAL")
    draft = parse_customer_form(form, region="CN", actor_id="U_LOCAL")
    async with console.harness.service.db.transaction(write=True) as session:
        await create_customer(
            session=session, team_id=TEAM, actor_id="U_LOCAL", draft=draft, now=NOW
        )

    in_shanghai = await desk.type("/customer history hp")
    in_berlin = await desk.type("as U_LOCAL Europe/Berlin", "/customer history hp")

    assert "Card created" in in_shanghai and "Sun 22 Nov 2026 09:30" in in_shanghai
    assert "Card created" in in_berlin and "Sun 22 Nov 2026 02:30" in in_berlin
    assert "UTC" not in in_shanghai + in_berlin


def test_the_consoles_own_words_follow_the_persons_language(tmp_path: Path) -> None:
    form = ["/log", "东方", "1", "", "", "打电话", "", "", "", ""]
    result = console("--lang", "zh", cwd=tmp_path, stdin="\n".join([*form, "quit", ""]))

    out = result.stdout
    assert "Rapport 控制台" in out and "数据库：" in out
    assert "客户 — 输入关键词搜索" in out
    assert "（选填）" in out and "[回车保留：备注]" in out  # a kept choice, as people read it
    assert "回车保留：note" not in out
    assert "[仅你可见]" in out
    assert "(optional)" not in out and "only you can see this" not in out
