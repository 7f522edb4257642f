"""A failure on our side reaches the person as a clear message, never a 500 or silence."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.commands.errors import handle_error, is_load, reported
from bot.people import Person
from bot.store.db import Database
from bot.store.models import PhasePlan, SlackProfile
from bot.store.profiles import save_profile
from bot.store.write_turns import TurnTimeout
from tests.conftest import Create
from tests.locks import skip_unless_postgres


def bare_app() -> AsyncApp:
    """A Bolt app with only our error handler, so the failure is the one we choose."""

    async def authorize() -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T", bot_token="xoxb-x")

    app = AsyncApp(request_verification_enabled=False, authorize=authorize)
    app.error(handle_error)
    return app


def app_as_wang() -> AsyncApp:
    """`bare_app`, its requests from 王伟, who reads Chinese."""
    app = bare_app()

    @app.middleware
    async def as_wang(context, next):
        context["person"] = Person("T", "U_WANG", "zh", ZoneInfo("Asia/Shanghai"))
        return await next()

    return app


def app_failing_with(error: Exception, *, ack_first: bool) -> AsyncApp:
    app = app_as_wang()

    @app.command("/customer")
    async def failing(ack):
        if ack_first:
            await ack()
        raise error

    return app


def command_request() -> AsyncBoltRequest:
    body = urlencode(
        {
            "command": "/customer",
            "text": "x",
            "user_id": "U_WANG",
            "team_id": "T",
            "channel_id": "C",
        }
    )
    return AsyncBoltRequest(
        body=body, headers={"content-type": ["application/x-www-form-urlencoded"]}
    )


def form_request() -> AsyncBoltRequest:
    """The submission of a form whose callback_id is `anything`."""
    payload = {
        "type": "view_submission",
        "user": {"id": "U1"},
        "team": {"id": "T"},
        "view": {"id": "V1", "type": "modal", "callback_id": "anything", "state": {"values": {}}},
    }
    return AsyncBoltRequest(
        body=urlencode({"payload": json.dumps(payload)}),
        headers={"content-type": ["application/x-www-form-urlencoded"]},
    )


async def test_an_error_before_the_ack_becomes_a_readable_ephemeral_answer() -> None:
    response = await app_failing_with(RuntimeError("boom"), ack_first=False).async_dispatch(
        command_request()
    )

    assert response.status == 200
    body = json.loads(response.body)
    assert body["response_type"] == "ephemeral"
    assert "系统出错" in body["text"] and "参考编号" in body["text"]


async def test_a_database_outage_says_so_in_the_persons_language() -> None:
    error = OperationalError("SELECT 1", {}, ConnectionRefusedError("refused"))

    response = await app_failing_with(error, ack_first=False).async_dispatch(command_request())

    assert "无法连接数据库" in json.loads(response.body)["text"]


async def test_a_view_submission_that_fails_keeps_a_modal_open_with_the_message() -> None:
    app = bare_app()

    @app.view("anything")
    async def failing(ack):
        raise RuntimeError("boom")

    response = await app.async_dispatch(form_request())

    body = json.loads(response.body)
    assert response.status == 200
    assert body["response_action"] == "update"
    assert "Something went wrong" in json.dumps(body["view"])


async def save_then_fail(db: Database, error: Exception | None = None) -> None:
    """A use case that commits, then a step after it that fails (its reply, say)."""
    async with db.transaction(write=True) as session:
        await save_profile(session=session, profile=SlackProfile(team_id="T", user_id="U_WANG"))
    raise error or RuntimeError("the reply could not be built")


async def test_a_form_saved_then_refused_for_load_is_not_kept_open_to_send_again(
    database_url: str,
) -> None:
    """Busy after its save: the form is not kept open with "nothing was saved" to submit
    again, but replaced by what happened."""
    db = Database(database_url)
    app = bare_app()

    @reported
    async def saving(ack):
        await save_then_fail(db, TurnTimeout("no write turn within 30 s"))

    app.view("anything")(saving)
    response = await app.async_dispatch(form_request())
    await db.dispose()

    body = json.loads(response.body)
    assert body["response_action"] == "update"
    assert "Your change was saved" in json.dumps(body["view"])


async def test_an_error_after_a_save_never_says_nothing_was_saved(database_url: str) -> None:
    """Told "nothing was saved", the person would send it again: a second record."""
    db = Database(database_url)
    app = app_as_wang()

    @reported
    async def saving(ack):
        await save_then_fail(db)

    app.command("/customer")(saving)
    response = await app.async_dispatch(command_request())
    await db.dispose()

    text = json.loads(response.body)["text"]
    assert "你的修改已保存" in text and "参考编号" in text
    assert "未保存" not in text


async def test_an_error_after_a_save_and_the_ack_is_told_as_saved(database_url: str) -> None:
    db = Database(database_url)
    told: list[str] = []

    class Acked:
        response = "sent"  # the ack went out before the work

    async def respond(**message: str) -> None:
        told.append(message["text"])

    @reported
    async def saving(ack: Acked, context: AsyncBoltContext, respond: object) -> None:
        await save_then_fail(db)

    context = AsyncBoltContext(person=Person("T", "U_WANG", "en", ZoneInfo("UTC")))
    await saving(ack=Acked(), context=context, respond=respond)
    await db.dispose()

    assert len(told) == 1 and told[0].startswith("Your change was saved, but something went")


async def test_an_error_before_any_save_still_says_nothing_was_saved(database_url: str) -> None:
    told: list[str] = []

    class Acked:
        response = "sent"

    async def respond(**message: str) -> None:
        told.append(message["text"])

    @reported
    async def failing(ack: Acked, context: AsyncBoltContext, respond: object) -> None:
        raise RuntimeError("boom")

    context = AsyncBoltContext(person=Person("T", "U_WANG", "en", ZoneInfo("UTC")))
    await failing(ack=Acked(), context=context, respond=respond)

    assert len(told) == 1 and "nothing was saved" in told[0]


async def taken_meanwhile(db: Database, customer_id: int) -> None:
    """What a use case meets when a colleague's save at the same moment took the value its
    own checks found free: the database's unique constraint refuses its write (here a card's
    plan of a phase, which its first save makes)."""
    for _ in range(2):
        async with db.transaction(write=True) as session:
            session.add(PhasePlan(team_id="T", customer_id=customer_id, phase="post_contract"))


async def taken_by_a_fault(db: Database) -> None:
    """A unique refusal no race explains (a Slack profile's key written twice)."""
    for _ in range(2):
        async with db.transaction(write=True) as session:
            session.add(SlackProfile(team_id="T", user_id="U_WANG"))


@pytest.mark.parametrize("raced", [True, False])
async def test_a_command_that_lost_a_race_for_a_value_says_nothing_was_saved_and_to_resend(
    db: Database, create: Create, raced: bool
) -> None:
    """Only the unique values two people may save at once (bot/store/races.py) are told so;
    any other unique refusal is a fault, reported with its reference."""
    hp = await create("惠普中国有限公司", short_name="HP")
    app = app_as_wang()

    @app.command("/customer")
    async def racing(ack):
        await (taken_meanwhile(db, hp.id or 0) if raced else taken_by_a_fault(db))

    response = await app.async_dispatch(command_request())

    text = json.loads(response.body)["text"]
    if raced:
        assert "同事在同一时刻的保存先完成了" in text and "未保存任何内容" in text
        assert "参考编号" not in text, "not a fault to report"
    else:
        assert "参考编号" in text and "同一时刻" not in text


async def test_a_form_that_lost_a_race_for_a_value_stays_open_with_what_was_typed(
    db: Database, create: Create
) -> None:
    """Submitted again, it meets the colleague's save under its rules (the number taken, the
    milestone accepted)."""
    hp = await create("惠普中国有限公司", short_name="HP")
    app = bare_app()

    @app.view("anything")
    async def racing(ack):
        await taken_meanwhile(db, hp.id or 0)

    request = form_request()
    payload = json.loads(dict(parse_qsl(request.raw_body))["payload"])
    payload["view"]["blocks"] = [{"type": "input", "block_id": "number", "element": {}}]
    response = await app.async_dispatch(
        AsyncBoltRequest(
            body=urlencode({"payload": json.dumps(payload)}),
            headers={"content-type": ["application/x-www-form-urlencoded"]},
        )
    )

    body = json.loads(response.body)
    assert body["response_action"] == "errors"
    assert body["errors"]["number"].startswith("A colleague's save at the same moment came")


async def test_a_deadlock_on_postgresql_is_load_told_as_busy(db: Database) -> None:
    """Two transactions each waiting for the other's row: PostgreSQL ends one of them. Its
    person is told Rapport was busy and nothing was saved (sending again works), not
    "Something went wrong"."""
    skip_unless_postgres(db)
    async with db.transaction(write=True) as session:
        session.add_all([SlackProfile(team_id="T", user_id=u) for u in ("U_A", "U_B")])
    holding = [asyncio.Event(), asyncio.Event()]

    async def one_then_the_other(first: str, second: str, mine: asyncio.Event) -> None:
        async with db.transaction(write=True) as session:
            for user in (first, second):
                query = select(SlackProfile).where(SlackProfile.user_id == user)
                await session.exec(query.with_for_update())
                mine.set()
                for held in holding:
                    await held.wait()

    outcomes = await asyncio.gather(
        one_then_the_other("U_A", "U_B", holding[0]),
        one_then_the_other("U_B", "U_A", holding[1]),
        return_exceptions=True,
    )

    failed = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(failed) == 1 and isinstance(failed[0], Exception), outcomes
    assert is_load(failed[0])
