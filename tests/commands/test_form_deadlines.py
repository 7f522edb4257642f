"""Slack waits three seconds for a form's answer, then shows an error and invites a second
save. Forms are answered in time however busy the database is — checked, answered, then
saved; or, when the answer needs the database, saved with a deadline and answered "still
saving" past it — and a submission sent again saves nothing twice (issue 15 item 9).

The database is made busy the way an import or a burst of saves makes SQLite busy: another
connection holds its one write lock until the test has its answers. An answer that comes
while the lock is still held did not wait for the database: that is what these tests show,
with no clock."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.commands.replays import ReplayLedger
from bot.console.harness import Harness
from bot.console.workspace import Answer
from bot.i18n import t
from bot.settings import Settings
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest, Requirement
from bot.store.maintenance_models import PlanActivity, PlanNote, PlanReview
from bot.store.models import (
    Contact,
    ContactRecord,
    Customer,
    CustomerEvent,
    Milestone,
    PhaseChange,
)
from bot.store.replays import LOCK_WAIT_MS
from bot.store.sales_models import Contract, Document, Opportunity, Project
from bot.views.maintenance_modals import read_plan_metadata
from tests.commands.test_maintenance import maintenance_posting
from tests.conftest import POSTGRES_URL
from tests.slack_person import Person, fill

SLACK_WAITS = 3.0  # seconds: then Slack shows the person an error
BURST, AT_ONCE = 30, 6
# thirty companies nobody would take for one another (`Burst 7` and `Burst 17` would be)
DIFFERENT_WORDS = (
    "Acme Borealis Cobalt Dynamo Ember Fjord Granite Helix Indigo Juniper Kestrel Lumen "
    "Magnolia Nimbus Obsidian Pinnacle Quartz Redwood Sapphire Tundra Umbra Vertex Willow "
    "Xenon Yarrow Zephyr Bramble Citadel Falcon Harbor"
).split()
on_sqlite = pytest.mark.skipif(
    bool(POSTGRES_URL), reason="busy as SQLite is: one write lock for the whole database"
)


# the deadline served to Slack, not the suite's room for a loaded machine
pytestmark = pytest.mark.form_deadline(Settings.form_deadline)


class BusyDatabase:
    """Another connection holding the database's one write lock until it is let go."""

    def __init__(self, url: str) -> None:
        self.other, self.holding, self.let_go = Database(url), asyncio.Event(), asyncio.Event()
        self.holder: asyncio.Task[None] | None = None

    @property
    def still_held(self) -> bool:
        return self.holder is not None and not self.holder.done()

    async def hold(self) -> None:
        async with self.other.transaction(write=True) as session:
            await session.exec(text("SELECT 1"))  # BEGIN IMMEDIATE: the write lock is taken
            self.holding.set()
            # let go when the test has its answers; at the latest after a minute, so that a
            # form that waits for the database fails the test rather than hangs it
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.let_go.wait(), timeout=60)


@asynccontextmanager
async def busy_database(url: str) -> AsyncIterator[BusyDatabase]:
    """The database busy (its write lock held elsewhere) for as long as the block runs."""
    busy = BusyDatabase(url)
    busy.holder = asyncio.create_task(busy.hold())
    await busy.holding.wait()
    try:
        yield busy
    finally:
        busy.let_go.set()
        await busy.holder
        await busy.other.dispose()


async def rows(harness: Harness, model: type) -> list[Any]:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(model))).all())


async def burst(wang: Person, form: dict[str, Any], answers: list[dict[str, str]]) -> list[Answer]:
    """Each answer submitted in its own view of `form`, AT_ONCE at a time, as Slack sends."""
    views = [{**form, "id": f"V_BURST_{n}"} for n in range(len(answers))]
    values = [await fill(wang.workspace, form, wang.user, **a) for a in answers]
    answered: list[Answer] = []
    for start in range(0, len(views), AT_ONCE):
        answered += await asyncio.gather(
            *(
                wang.workspace.submit_view(view, value, user=wang.user)
                for view, value in zip(
                    views[start : start + AT_ONCE], values[start : start + AT_ONCE], strict=True
                )
            )
        )
    return answered


@pytest.fixture
async def wang(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    return wang


@on_sqlite
async def test_a_burst_of_contact_saves_on_a_busy_database_is_answered_in_time_and_saved_once(
    harness: Harness, wang: Person, database_url: str
) -> None:
    await wang.type("/customer contact hp")
    form = wang.last_view()
    names = [f"联系人{n}" for n in range(BURST)]

    async with busy_database(database_url) as busy:
        answered = await burst(wang, form, [{"name": name} for name in names])
        answered_while_busy = busy.still_held
    await harness.settle(timeout=60)

    assert [a.status for a in answered] == [200] * BURST  # never 404
    assert answered_while_busy  # the answers did not wait for the database
    saved = sorted(c.name for c in await rows(harness, Contact))
    assert saved == sorted(names)  # each once


@on_sqlite
async def test_a_burst_of_new_cards_on_a_busy_database_is_answered_still_saving_and_saved_once(
    harness: Harness, wang: Person, database_url: str
) -> None:
    """A card's answer needs the database (a likely duplicate is named under its name): it
    is saved with a deadline, and answered "still saving" when the deadline passes first."""
    await wang.type("/customer new")
    form = wang.last_view()
    companies = [(f"{word} Trading Co., Ltd.", word.upper()) for word in DIFFERENT_WORDS]
    told = len(harness.slack.postings)

    async with busy_database(database_url) as busy:
        answered = await burst(
            wang, form, [{"legal_name": n, "short_name": h} for n, h in companies]
        )
        answered_while_busy = busy.still_held
    await harness.settle(timeout=60)

    assert [a.status for a in answered] == [200] * BURST
    assert answered_while_busy  # at the deadline, not when the database was free again
    still_saving = [a for a in answered if a.json.get("response_action") == "update"]
    saying = t("form.still_saving.title", "zh")
    assert still_saving and still_saving[0].json["view"]["title"]["text"] == saying
    cards = sorted(c.handle for c in await rows(harness, Customer))
    assert cards == sorted(["HP", *(h for _, h in companies)])  # each once
    replies = [p.text for p in harness.slack.postings[told:] if p.user == "U_WANG"]
    assert all(any(h in r for r in replies) for _, h in companies)  # each told by message


@on_sqlite
async def test_a_duplicate_found_after_the_deadline_is_told_by_message(
    harness: Harness, wang: Person, database_url: str
) -> None:
    await wang.type("/customer new")
    form = wang.last_view()
    values = await fill(wang.workspace, form, wang.user, legal_name="惠普中国有限公司")

    async with busy_database(database_url):
        answer = await wang.workspace.submit_view({**form, "id": "V_DUP"}, values, user="U_WANG")
    await harness.settle(timeout=30)

    assert answer.json.get("response_action") == "update"
    assert "新卡片未保存" in wang.last_text() and "惠普中国有限公司" in wang.last_text()
    assert len(await rows(harness, Customer)) == 1


async def test_a_form_answered_in_time_still_shows_its_field_errors(
    harness: Harness, wang: Person
) -> None:
    """Field rules need no database: they are checked before the answer, as before."""
    await wang.type("/customer contact hp")
    blank = await wang.submit(name="")
    await wang.type("/customer milestone hp")
    undated = await wang.submit(title="上线验收")

    assert "field_name" in blank.json["errors"]
    assert "field_due" in undated.json["errors"]
    assert await rows(harness, Contact) == []


async def contact_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer contact hp")
    return {"name": "张伟"}


async def log_form(wang: Person) -> dict[str, str]:
    await wang.type("/log")
    return {"customer": "hp", "summary": "给张总打电话"}


async def milestone_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer milestone hp")
    return {"title": "上线验收", "due": (datetime.now(UTC) + timedelta(days=10)).date().isoformat()}


async def record_edit_form(wang: Person) -> dict[str, str]:
    await wang.type("/log hp 打电话")
    await wang.type("/customer show hp")
    await wang.click("编辑记录")
    return {"summary": "给张总打电话", "next_step": "发方案"}


async def change_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer change hp")
    return {"summary": "增加月度报表"}


async def activity_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer plan hp")
    await wang.click("添加活动", maintenance_posting(wang))
    period = read_plan_metadata(wang.last_view()).period  # the quarter of today, there
    return {"kind": "executive", "goal": "与张总会面", "owner": "U_WANG", "day": str(period.start)}


async def requirement_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer requirements hp")
    await wang.click("添加需求")
    return {"title": "月度报表", "priority": "must"}


async def deal_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer deal hp")
    return {"name": "CRM实施", "amount": "50万", "stage": "solution"}


async def document_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer show hp")
    await wang.click("关联文档")
    return {"url": "https://example.com/plan.pdf", "title": "方案"}


async def project_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer show hp")
    await wang.click("新建项目")
    today = datetime.now(UTC).date()
    return {
        "name": "ERP实施",
        "manager_id": "U_WANG",
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=90)),
    }


async def quarter_planned(wang: Person) -> None:
    await wang.type("/customer plan hp")
    await wang.click("添加活动", maintenance_posting(wang))  # the quarter's plan, made by it
    period = read_plan_metadata(wang.last_view()).period
    await wang.submit(kind="visit", goal="回访", owner="U_WANG", day=str(period.start))
    await wang.type("/customer plan hp")


async def review_form(wang: Person) -> dict[str, str]:
    await quarter_planned(wang)
    await wang.click("期末回顾", maintenance_posting(wang))
    return {"achievements": "上线", "problems": "响应慢", "risks": "无"}


async def notes_form(wang: Person) -> dict[str, str]:
    await quarter_planned(wang)
    await wang.click("策略与评价", maintenance_posting(wang))
    return {"competitors": "联想在投标中压价", "decision_makers": "张总认可我们的交付"}


async def contact_removal_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟")
    await wang.click("张伟: 移除联系人")
    return {}


async def follow_up_time_form(wang: Person) -> dict[str, str]:
    await wang.type("/log hp 打电话 下一步：发方案 下周五")
    await wang.click("修改时间", posting=wang.last_posting())
    day = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    return {"follow_up_date": day, "follow_up_time": "14:30"}


async def phase_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer phase hp")
    return {"primary_contact_id": "U_WANG", "cadence": "weekly"}


async def value_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer value hp")
    return {"size": "5", "profitability": "4", "investment": "4", "strategic_fit": "4"}


async def contract_form(wang: Person) -> dict[str, str]:
    await wang.type("/customer contract hp")
    signed = datetime.now(UTC).date().isoformat()
    return {"number": "HT-1", "title": "运维", "amount": "20万", "signed_on": signed}


# the rows each form makes once; a form that changes the card, by its line of history
COUNTED = {
    contact_form: Contact,
    log_form: ContactRecord,
    milestone_form: Milestone,
    record_edit_form: ContactRecord,
    change_form: ChangeRequest,  # numbered: a second one would be the next number
    activity_form: PlanActivity,
    requirement_form: Requirement,
    deal_form: Opportunity,
    document_form: Document,
    project_form: Project,
    review_form: PlanReview,
    notes_form: PlanNote,
    contact_removal_form: CustomerEvent,  # its second copy finds the contact gone
    follow_up_time_form: CustomerEvent,
    phase_form: PhaseChange,
    value_form: CustomerEvent,
    contract_form: Contract,  # its second copy finds its number taken
}


@pytest.mark.parametrize("opened", list(COUNTED), ids=lambda opened: opened.__name__)
async def test_a_submission_sent_again_saves_nothing_twice(
    harness: Harness, wang: Person, opened: Any
) -> None:
    """Slack sends a submission again, with the same view id, when its first got no answer in
    time; a person may press Save twice. The second is answered and saves nothing."""
    answers = await opened(wang)
    form = {**wang.last_view(), "id": "V_SENT_TWICE"}
    before = len(await rows(harness, COUNTED[opened]))

    values = await fill(wang.workspace, form, wang.user, **answers)

    first = await wang.workspace.submit_view(form, values, user=wang.user)
    await harness.settle()
    saved = len(await rows(harness, COUNTED[opened]))
    again = await wang.workspace.submit_view(form, values, user=wang.user)
    await harness.settle()

    assert (first.status, again.status) == (200, 200)
    assert saved == before + 1
    assert len(await rows(harness, COUNTED[opened])) == saved
    assert t("form.already_saved", "zh") in wang.last_text() + str(again.json)


async def sent_again_later(wang: Person, answers: dict[str, str], meanwhile: Any) -> Answer:
    """The form's submission, then `meanwhile` done on the card, then the same submission."""
    form = {**wang.last_view(), "id": "V_SENT_AGAIN_LATER"}
    values = await fill(wang.workspace, form, wang.user, **answers)
    await wang.workspace.submit_view(form, values, user=wang.user)
    await wang.harness.settle()
    await meanwhile()
    again = await wang.workspace.submit_view(form, values, user=wang.user)
    await wang.harness.settle()
    return again


async def test_a_requirement_sent_again_once_its_list_is_confirmed_is_not_made_a_change(
    harness: Harness, wang: Person
) -> None:
    """The first copy added the requirement; the list was confirmed before the second came,
    which would have made it a change request."""
    await wang.type("/customer requirement hp 必须 月度报表")
    await wang.type("/customer requirements hp")
    await wang.click("添加需求")

    async def confirmed() -> None:
        await wang.type("/customer requirements hp")
        await wang.click("客户已确认")
        await wang.submit(note="张总邮件确认")

    again = await sent_again_later(wang, {"title": "导出到Excel", "priority": "must"}, confirmed)

    assert t("form.already_saved", "zh") in wang.last_text() + str(again.json)
    assert [r.title for r in await rows(harness, Requirement)] == ["月度报表", "导出到Excel"]
    assert await rows(harness, ChangeRequest) == []


async def test_notes_sent_again_after_their_first_copy_made_the_plan_are_told_saved(
    harness: Harness, wang: Person
) -> None:
    """The first copy made the quarter's plan: the second is told it was saved, not that its
    period overlaps that plan."""
    await wang.type("/customer plan hp")
    await wang.click("策略与评价", maintenance_posting(wang))

    async def nothing() -> None:
        return None

    again = await sent_again_later(
        wang, {"competitors": "联想在投标中压价", "decision_makers": "张总认可"}, nothing
    )

    assert t("form.already_saved", "zh") in wang.last_text() + str(again.json)
    assert len(await rows(harness, PlanNote)) == 1


@on_sqlite
async def test_the_replay_ledger_waits_briefly_for_a_busy_database_and_still_refuses_replays(
    db: Database, database_url: str
) -> None:
    """The ledger is written before every answer: on a busy database it takes the request
    unrecorded within a moment, and this replica still refuses the same request again."""
    ledger, stamp = ReplayLedger(db), int(time.time())

    async with busy_database(database_url) as busy:
        taken = await ledger.first_use(stamp, "v0=" + "1" * 64)
        again = await ledger.first_use(stamp, "v0=" + "1" * 64)
        answered_while_busy = busy.still_held
    after = await ledger.first_use(stamp, "v0=" + "1" * 64)
    other = await ledger.first_use(stamp, "v0=" + "2" * 64)
    await ledger.close()

    assert (taken, again, after, other) == (True, False, False, True)
    assert answered_while_busy  # it gave up on the lock (LOCK_WAIT_MS) rather than wait


def test_the_waits_before_an_answer_leave_slack_s_seconds_room_for_the_network() -> None:
    """What the tests above show without timing anything (answers come while the database
    is still busy) is worth its while because these waits, counted from the request's
    arrival, end well inside Slack's three seconds; how long they take on a given machine
    is the benchmarks' concern (bench/), not the suite's."""
    assert LOCK_WAIT_MS / 1000 < Settings.form_deadline <= SLACK_WAITS - 1.0
