"""The first-run sandbox: people who see different cards, and `as` to be each of them."""

from __future__ import annotations

from pathlib import Path

from tests.console.conftest import Desk
from tests.console.test_console import console


async def test_each_person_sees_only_what_the_rules_let_them(desk: Desk) -> None:
    as_li = await desk.type("as li", "/customer find contoso", "/customer find 东方")
    as_zhao = await desk.type("as zhao", "/customer find contoso", "/customer find 东方")
    as_wang = await desk.type("as wang", "/customer find 东方")

    assert "You are 李娜 (@li, U_LI) · English · Asia/Shanghai." in as_li
    assert "*Contoso Ltd.*" in as_li  # shared with her
    assert "*东方物流有限公司*" in as_li  # hers
    assert "你现在是 赵敏" in as_zhao  # her own language
    assert "*东方物流有限公司*" in as_zhao  # she supervises 李娜
    assert "*Contoso Ltd.*" not in as_zhao
    assert "*东方物流有限公司*" not in as_wang


async def test_only_the_sandbox_owner_administers_it(desk: Desk) -> None:
    owner = await desk.type("/customer team")
    colleague = await desk.type("as li", "/customer team")

    assert "@李娜 → @赵敏" in owner
    assert "Only workspace admins" in colleague


async def test_as_sets_language_and_zone_and_refuses_what_it_cannot_read(desk: Desk) -> None:
    shown = await desk.type("as U_ZHAO en Europe/Berlin", "as zhao Mars/Olympus", "as nobody")

    assert "You are 赵敏 (@zhao, U_ZHAO) · English · Europe/Berlin." in shown
    assert "“Mars/Olympus” is not a time zone" in shown
    assert "No one called “nobody” is here." in shown


async def test_a_region_of_zones_is_no_time_zone(desk: Desk) -> None:
    """Found by fuzzing (./dev fuzz console_line): `Asia` names a folder of zones, and reading
    it stopped the console with a traceback."""
    shown = await desk.type("as U_ZHAO zh Asia", "as zhao America")

    assert "“Asia” is not a time zone" in shown
    assert "“America” is not a time zone" in shown


async def test_people_lists_everyone_and_who_reports_to_whom(desk: Desk) -> None:
    shown = await desk.type("people")

    assert "李娜 (@li, U_LI) · English · Asia/Shanghai · reports to 赵敏" in shown
    assert "You (@local, U_LOCAL) · English · Asia/Shanghai · admin" in shown


def test_a_second_run_meets_the_same_people_and_a_newcomer_is_no_admin(tmp_path: Path) -> None:
    first = console("-c", "/customer help", cwd=tmp_path)
    again = console("--user", "U_LI", "-c", "/customer team", cwd=tmp_path)
    newcomer = console("--user", "U_NEW", "-c", "/customer team", cwd=tmp_path)
    owner = console("-c", "/customer team", cwd=tmp_path)

    assert first.returncode == 0, first.stderr
    assert "Only workspace admins" in again.stdout
    assert "Only workspace admins" in newcomer.stdout
    assert "@李娜 → @赵敏" in owner.stdout


def test_the_first_run_tells_the_sandbox_story(tmp_path: Path) -> None:
    result = console(cwd=tmp_path, stdin="quit\n")
    again = console(cwd=tmp_path, stdin="quit\n")

    story = "A new sandbox, to try who sees what: 赵敏 (@zhao) supervises 李娜 (@li)"
    assert story in result.stdout
    assert "A new sandbox" not in again.stdout
