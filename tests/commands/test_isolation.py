"""Two workspaces that happen to use the same short names, phones and channel ids see nothing
of each other, on any surface: commands, buttons, the Home tab, reminders and briefs, imports
and exports. Both people are admins of their own workspace, so what keeps them apart is the
workspace, not the visibility rules."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.imports.cli import run_export, run_import
from bot.settings import Settings
from tests.jobs.test_briefs import next_monday_nine
from tests.slack_browser import install
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # briefs fall due on the coming Monday

ONE, TWO = "T_ONE", "T_TWO"
CHANNEL = "C_SAME"  # the same channel id in both workspaces
PHONE = "021-63539330"
ONLY_ONE = ("上海星辰科技有限公司", "Ann called about the rollout")
ONLY_TWO = ("金科电子有限公司", "给张总打电话")


@pytest.fixture
async def two(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(settings, oauth=True) as running:
        running.slack.add_workspace(ONE, "Acme")
        running.slack.add_workspace(TWO, "Globex")
        await running.act_as("U_ANN", name="Ann", locale="en-US", tz="UTC", is_admin=True, team=ONE)
        await running.act_as(
            "U_BO", name="Bo", locale="zh-CN", tz="Asia/Shanghai", is_admin=True, team=TWO
        )
        await install(running, team=ONE, user="U_ANN")
        await install(running, team=TWO, user="U_BO")
        yield running


def person(harness: Harness, user: str, team: str) -> Person:
    someone = Person(harness, user, channel=CHANNEL)
    someone.workspace = harness.workspace_of(team)
    return someone


def seen_in(harness: Harness, team: str) -> str:
    """Everything Rapport showed in a workspace: messages, replies, modals, Home, files."""
    shown = [
        render_blocks(p.blocks, fallback=p.text) + str(p.raw.get("file", {}).get("data", b""))
        for p in harness.slack.postings
        if p.team == team
    ]
    views = [str(c.args.get("view")) for c in harness.slack.calls_to("views.open")]
    own_views = [
        v
        for c, v in zip(harness.slack.calls_to("views.open"), views, strict=True)
        if harness.slack.team_of(c.token) == team
    ]
    return "\n".join(shown + own_views)


def export_args(team: str, out: Path) -> argparse.Namespace:
    return argparse.Namespace(kind="customers", team=team, out=str(out), lang="en")


async def test_same_names_phones_and_channels_in_two_workspaces_never_meet(
    two: Harness, settings: Settings, tmp_path: Path
) -> None:
    ann, bo = person(two, "U_ANN", ONE), person(two, "U_BO", TWO)
    for someone, name in ((ann, ONLY_ONE[0]), (bo, ONLY_TWO[0])):
        await someone.type(f"/customer new {name}")
        answer = await someone.submit(short_name="HP", phone=PHONE)
        assert answer.status == 200 and answer.text == ""  # no duplicate across workspaces
        await someone.type("/customer link hp")

    # commands: a short name and a phone find only the workspace's own card
    for someone, own, other in ((ann, ONLY_ONE, ONLY_TWO), (bo, ONLY_TWO, ONLY_ONE)):
        for words in ("/customer find hp", "/customer find 63539330", "/customer show hp"):
            await someone.type(words)
            assert own[0] in someone.last_text() and other[0] not in someone.last_text()
    await ann.type(f"/log hp {ONLY_ONE[1]} next: send the offer tomorrow")

    # buttons: Bo undoes a record of his; Ann's stays on her card
    await bo.type("/log hp 备注 写错了")
    await bo.click("撤销", bo.last_posting())
    await ann.type("/customer show hp")
    assert ONLY_ONE[1] in ann.last_text()
    await bo.type(f"/log hp 电话 {ONLY_TWO[1]} 下一步：发报价 明天")

    # Home
    for user, workspace in (("U_ANN", two.workspace_of(ONE)), ("U_BO", two.workspace_of(TWO))):
        await workspace.event(
            {"type": "app_home_opened", "user": user, "tab": "home"}, event_id=f"EvHome{user}"
        )
    await two.settle()

    # the sweeps: each follow-up and each channel's brief, in its own workspace
    jobs = two.service.jobs
    await jobs.run_reminders(datetime.now(UTC) + timedelta(days=2))
    mondays = [next_monday_nine(ZoneInfo(tz)) for tz in ("UTC", "Asia/Shanghai")]
    before, sent = len(two.slack.postings), 0
    for monday in sorted([*mondays, *(m + timedelta(weeks=1) for m in mondays)]):
        await jobs.run_reminders(monday)
        report = await jobs.run_briefs(monday + timedelta(minutes=1))
        sent += len([line for line in report.lines() if line.startswith("sent brief")])
    briefs: dict[str, str] = {}
    for posted in two.slack.postings[before:]:
        if posted.channel == CHANNEL:
            briefs[posted.team] = briefs.get(posted.team, "") + render_blocks(posted.blocks)
    assert sent >= 2
    assert ONLY_ONE[0] in briefs[ONE] and ONLY_TWO[0] not in briefs[ONE]
    assert ONLY_TWO[0] in briefs[TWO] and ONLY_ONE[0] not in briefs[TWO]

    # import into one workspace, export both
    rows = "name,short name,phone\r\n北方重工有限公司,DF,021-55550000\r\n"
    (tmp_path / "more.csv").write_bytes(rows.encode("utf-8"))
    imported = await run_import(
        settings,
        argparse.Namespace(
            kind="customers",
            file=str(tmp_path / "more.csv"),
            team=ONE,
            as_user="U_ANN",
            dry_run=False,
            lang="en",
        ),
    )
    assert imported == 0
    await bo.type("/customer find df")
    assert "北方重工" not in bo.last_text()
    assert await run_export(settings, export_args(ONE, tmp_path / "one.csv")) == 0
    assert await run_export(settings, export_args(TWO, tmp_path / "two.csv")) == 0
    one_csv = (tmp_path / "one.csv").read_text("utf-8-sig")
    two_csv = (tmp_path / "two.csv").read_text("utf-8-sig")
    assert ONLY_ONE[0] in one_csv and "北方重工有限公司" in one_csv and ONLY_TWO[0] not in one_csv
    assert ONLY_TWO[0] in two_csv and ONLY_ONE[0] not in two_csv and "北方重工" not in two_csv

    # nothing of one workspace ever showed in the other, on any surface
    in_one, in_two = seen_in(two, ONE), seen_in(two, TWO)
    assert all(word in in_one for word in ONLY_ONE) and all(word in in_two for word in ONLY_TWO)
    assert not any(word in in_one for word in ONLY_TWO)
    assert not any(word in in_two for word in (*ONLY_ONE, "北方重工"))
    reminders = [
        (p.team, p.channel)
        for p in two.slack.postings
        if p.kind == "message" and p.channel in ("U_ANN", "U_BO")
    ]
    assert all((team, user) in ((ONE, "U_ANN"), (TWO, "U_BO")) for team, user in reminders)
    assert {team for team, _ in reminders} == {ONE, TWO}
