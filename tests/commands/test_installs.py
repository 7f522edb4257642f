"""Installing Rapport into many workspaces (Slack's OAuth, against the stand-in's
oauth.v2.access): each workspace installs from its install page and works beside the
others; bad install links change nothing; an uninstall stops everything there and keeps its
data; a re-install resumes it; an organization installs it once for all its workspaces."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlmodel import SQLModel, func, select

from bot.console.harness import Harness
from bot.console.slack_double import CLIENT_ID, CLIENT_SECRET
from bot.console.workspace import Workspace
from bot.jobs.cli import run_jobs
from bot.settings import Settings
from bot.store.db import Database
from bot.store.installations import Workspace as WorkspaceRow
from bot.store.installations import slack_bots, slack_installations
from bot.store.models import ContactRecord, Customer, Delivery, FollowUp
from tests.slack_browser import come_back, install, open_install_page

ONE, TWO = "T_ONE", "T_TWO"


@pytest.fixture
async def oauth(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(settings, oauth=True) as running:
        running.slack.add_workspace(ONE, "Acme Shanghai")
        running.slack.add_workspace(TWO, "Globex Beijing")
        await running.act_as("U_ANN", name="Ann", locale="en-US", tz="UTC", team=ONE)
        await running.act_as("U_BO", name="Bo", locale="zh-CN", tz="Asia/Shanghai", team=TWO)
        yield running


async def installations(db: Database) -> int:
    async with db.transaction() as session:
        return (await session.exec(select(func.count()).select_from(slack_bots))).one()


async def workspace_row(db: Database, team: str) -> WorkspaceRow | None:
    async with db.transaction() as session:
        return await session.get(WorkspaceRow, team)


async def home_of(harness: Harness, workspace: Workspace, user: str) -> str:
    """Open the person's Home tab; the token Rapport published it with."""
    event_id = f"Ev{len(harness.slack.calls)}"
    await workspace.event(
        {"type": "app_home_opened", "user": user, "tab": "home"}, event_id=event_id
    )
    await harness.settle()
    return harness.slack.calls_to("views.publish")[-1].token or ""


async def due_follow_up(
    db: Database, team: str, owner: str, now: datetime, handle: str = "HP"
) -> None:
    async with db.transaction(write=True) as session:
        customer = Customer(
            team_id=team,
            handle=handle,
            handle_key=handle.lower(),
            legal_name="HP Co",
            manager_id=owner,
            created_by=owner,
        )
        session.add(customer)
        await session.flush()
        record = ContactRecord(team_id=team, customer_id=customer.id, author_id=owner, summary="x")
        session.add(record)
        await session.flush()
        session.add(
            FollowUp(
                team_id=team,
                customer_id=customer.id,
                record_id=record.id,
                owner_id=owner,
                title=f"call back {team}",
                due_at=now - timedelta(minutes=1),
                tz="UTC",
            )
        )


async def test_a_second_workspace_installs_from_its_install_page_and_both_work(
    oauth: Harness,
) -> None:
    first = await install(oauth, team=ONE, user="U_ANN")
    second = await install(oauth, team=TWO, user="U_BO", lang="zh-CN")

    assert first.status == 200 and "Rapport is installed in Acme Shanghai" in first.text
    assert second.status == 200 and "Rapport 已安装到 Globex Beijing" in second.text
    token_one = await home_of(oauth, oauth.workspace_of(ONE), "U_ANN")
    token_two = await home_of(oauth, oauth.workspace_of(TWO), "U_BO")
    assert oauth.slack.team_of(token_one) == ONE and oauth.slack.team_of(token_two) == TWO
    answer = await oauth.workspace_of(TWO).command("/customer help", user="U_BO")
    assert answer.status == 200 and "客户卡片" in oauth.slack.postings[-1].text + answer.text


async def test_the_sweeps_post_in_each_workspace_with_its_own_token(oauth: Harness) -> None:
    await install(oauth, team=ONE, user="U_ANN")
    await install(oauth, team=TWO, user="U_BO")
    now = datetime.now(UTC)
    await due_follow_up(oauth.service.db, ONE, "U_ANN", now)
    await due_follow_up(oauth.service.db, TWO, "U_BO", now)

    report = await oauth.service.jobs.run_reminders(now)

    assert len(report.sent) == 2
    dms = {(p.team, p.channel) for p in oauth.slack.postings if p.kind == "message"}
    assert dms == {(ONE, "U_ANN"), (TWO, "U_BO")}


async def test_an_install_link_with_a_forged_state_shows_a_page_and_stores_nothing(
    oauth: Harness,
) -> None:
    code = oauth.slack.approve(team=ONE, user="U_ANN")

    page = await come_back(oauth, {"code": code, "state": "forged"}, cookie="forged")

    assert page.status == 401
    assert "This install link has expired or was already used." in page.text
    assert "/slack/install" in page.text
    assert await installations(oauth.service.db) == 0


async def test_a_replayed_install_link_shows_a_page_and_stores_nothing_more(
    oauth: Harness,
) -> None:
    _, link = await open_install_page(oauth)
    code = oauth.slack.approve(team=ONE, user="U_ANN")
    query = {"code": code, "state": link.state}
    assert (await come_back(oauth, query, cookie=link.cookie)).status == 200

    again = await come_back(oauth, query, cookie=link.cookie)

    assert again.status == 401 and "expired or was already used" in again.text
    assert await installations(oauth.service.db) == 1


async def test_an_expired_install_link_shows_a_page_and_stores_nothing(
    oauth: Harness, pinned_time: time_machine.Coordinates
) -> None:
    page, link = await open_install_page(oauth)
    assert "This link works once, for 10 minutes." in page.text
    pinned_time.shift(timedelta(minutes=11))
    code = oauth.slack.approve(team=ONE, user="U_ANN")

    late = await come_back(oauth, {"code": code, "state": link.state}, cookie=link.cookie)

    assert late.status == 401 and "expired" in late.text
    assert await installations(oauth.service.db) == 0


async def test_a_link_opened_in_another_browser_is_refused(oauth: Harness) -> None:
    _, link = await open_install_page(oauth)
    code = oauth.slack.approve(team=ONE, user="U_ANN")

    page = await come_back(oauth, {"code": code, "state": link.state}, cookie=None, lang="zh-CN")

    assert page.status == 400 and "不是在发起安装的浏览器中打开的" in page.text
    assert await installations(oauth.service.db) == 0


async def test_a_workspace_slack_does_not_let_install_gets_a_page_and_nothing_stored(
    oauth: Harness,
) -> None:
    page = await install(oauth, team="T_UNKNOWN", user="U_X")

    assert page.status == 401 and "Slack did not accept this installation" in page.text
    assert await installations(oauth.service.db) == 0


async def test_a_cancelled_install_says_so(oauth: Harness) -> None:
    _, link = await open_install_page(oauth)

    page = await come_back(
        oauth, {"error": "access_denied", "state": link.state}, cookie=link.cookie
    )

    assert "The installation was cancelled in Slack." in page.text
    assert await installations(oauth.service.db) == 0


async def test_an_uninstalled_workspace_keeps_its_data_gets_nothing_and_resumes_on_reinstall(
    oauth: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    db, now = oauth.service.db, datetime.now(UTC)
    await install(oauth, team=ONE, user="U_ANN")
    one = oauth.workspace_of(ONE)
    await due_follow_up(db, ONE, "U_ANN", now)

    await one.event({"type": "app_uninstalled"}, event_id="EvGone")
    await oauth.settle()
    oauth.slack.revoke(ONE)
    report = await oauth.service.jobs.run_reminders(now)

    assert report.sent == [] and report.skipped == 1
    assert (await workspace_row(db, ONE)).active is False
    posted_before = len(oauth.slack.postings)
    with caplog.at_level(logging.INFO):
        answer = await one.command("/customer help", user="U_ANN")
        await oauth.settle()
    assert answer.status == 200 and answer.text == ""
    assert len(oauth.slack.postings) == posted_before  # nothing posted there
    ignored = [r for r in caplog.records if "not installed there or was uninstalled" in r.message]
    assert len(ignored) == 1 and not any(r.exc_info for r in caplog.records)
    async with db.transaction() as session:  # the workspace's data is kept
        assert (await session.exec(select(Customer.handle))).all() == ["HP"]
        skipped = (await session.exec(select(Delivery.status, Delivery.error))).all()
    assert skipped == [("skipped", "workspace_inactive")]

    await install(oauth, team=ONE, user="U_ANN")
    await due_follow_up(db, ONE, "U_ANN", now + timedelta(minutes=5), handle="HP2")
    resumed = await oauth.service.jobs.run_reminders(now + timedelta(minutes=5))

    assert len(resumed.sent) == 1 and (await workspace_row(db, ONE)).active is True


async def test_revoked_bot_tokens_deactivate_the_workspace(oauth: Harness) -> None:
    await install(oauth, team=ONE, user="U_ANN")

    await oauth.workspace_of(ONE).event(
        {"type": "tokens_revoked", "tokens": {"bot": ["U_RAPPORT"]}}, event_id="EvRevoked"
    )
    await oauth.settle()

    assert (await workspace_row(oauth.service.db, ONE)).active is False
    assert await installations(oauth.service.db) == 0


async def test_an_organization_installs_once_for_all_its_workspaces(oauth: Harness) -> None:
    oauth.slack.add_workspace("T_GRID_A", "Grid A", enterprise="E_ORG")
    await oauth.act_as("U_GA", name="Ga", locale="en-US", tz="UTC", team="T_GRID_A")

    page = await install(oauth, team=None, enterprise="E_ORG", org_wide=True, user="U_GA")
    grid = oauth.workspace_of("T_GRID_A", enterprise="E_ORG", org_install=True)
    token = await home_of(oauth, grid, "U_GA")
    now = datetime.now(UTC)
    await due_follow_up(oauth.service.db, "T_GRID_A", "U_GA", now)
    report = await oauth.service.jobs.run_reminders(now)

    assert page.status == 200
    assert oauth.slack.tokens[token].enterprise_id == "E_ORG"
    assert len(report.sent) == 1


async def test_rotating_tokens_are_refreshed_before_they_expire(
    oauth: Harness, pinned_time: time_machine.Coordinates
) -> None:
    oauth.slack.rotating = True
    await install(oauth, team=ONE, user="U_ANN")
    first = await home_of(oauth, oauth.workspace_of(ONE), "U_ANN")
    pinned_time.shift(timedelta(hours=11))  # the 12-hour token has under two hours left

    second = await home_of(oauth, oauth.workspace_of(ONE), "U_ANN")
    now = datetime.now(UTC)
    await due_follow_up(oauth.service.db, ONE, "U_ANN", now)
    pinned_time.shift(timedelta(hours=11))
    report = await oauth.service.jobs.run_reminders(datetime.now(UTC))

    assert second != first
    assert len(report.sent) == 1
    refreshes = [c for c in oauth.slack.calls_to("oauth.v2.access") if c.args.get("grant_type")]
    assert len(refreshes) == 2


def test_the_installation_tables_are_the_ones_slack_sdk_reads_and_writes() -> None:
    def shape(table: sa.Table) -> dict[str, tuple[str, bool]]:
        return {c.name: (str(c.type), bool(c.nullable)) for c in table.columns}

    theirs = sa.MetaData()
    ours = SQLModel.metadata.tables
    expected = {
        "slack_installations": SQLAlchemyInstallationStore.build_installations_table(
            theirs, "slack_installations"
        ),
        "slack_bots": SQLAlchemyInstallationStore.build_bots_table(theirs, "slack_bots"),
        "slack_oauth_states": SQLAlchemyOAuthStateStore.build_oauth_states_table(
            theirs, "slack_oauth_states"
        ),
    }
    for name, table in expected.items():
        assert shape(ours[name]) == shape(table), name
    assert slack_installations is ours["slack_installations"]


async def test_a_sweep_from_the_command_line_posts_with_each_workspaces_token(
    oauth: Harness,
) -> None:
    await install(oauth, team=ONE, user="U_ANN")
    now = datetime.now(UTC)
    await due_follow_up(oauth.service.db, ONE, "U_ANN", now)
    settings = replace(
        oauth.base_settings,
        slack_api_url=oauth.slack.api_url,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
    )

    assert await run_jobs(settings, "reminders", now=now) == 0

    dms = [p for p in oauth.slack.postings if p.kind == "message"]
    assert [(p.team, p.channel) for p in dms] == [(ONE, "U_ANN")]


async def test_one_workspace_by_its_token_is_deactivated_by_an_uninstall_until_restarted(
    harness: Harness, settings: Settings
) -> None:
    now = datetime.now(UTC)
    await harness.workspace.event({"type": "app_uninstalled"}, event_id="EvBye")
    await harness.settle()
    await due_follow_up(harness.service.db, "T_LOCAL", "U_ALICE", now)

    skipped = await harness.service.jobs.run_reminders(now)

    assert skipped.sent == [] and skipped.skipped == 1
    async with Harness(settings) as restarted:  # installed anew, with its new token
        await due_follow_up(restarted.service.db, "T_LOCAL", "U_ALICE", now, handle="HP2")
        resumed = await restarted.service.jobs.run_reminders(now)
    assert len(resumed.sent) == 1
