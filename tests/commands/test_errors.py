"""A failure on our side reaches the person as a clear message, never a 500 or silence."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from sqlalchemy.exc import OperationalError

from bot.commands.errors import handle_error, reported
from bot.people import Person
from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.profiles import save_profile
from bot.store.write_turns import TurnTimeout


def bare_app() -> AsyncApp:
    """A Bolt app with only our error handler, so the failure is the one we choose."""

    async def authorize() -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T", bot_token="xoxb-x")

    app = AsyncApp(request_verification_enabled=False, authorize=authorize)
    app.error(handle_error)
    return app


def app_failing_with(error: Exception, *, ack_first: bool) -> AsyncApp:
    app = bare_app()

    @app.middleware
    async def as_wang(context, next):
        context["person"] = Person("T", "U_WANG", "zh", ZoneInfo("Asia/Shanghai"))
        return await next()

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
    app = bare_app()

    @app.middleware
    async def as_wang(context, next):
        context["person"] = Person("T", "U_WANG", "zh", ZoneInfo("Asia/Shanghai"))
        return await next()

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


async def taken_meanwhile(db: Database) -> None:
    """What a use case meets when a colleague's save at the same moment took the value its
    own checks found free: the database's unique constraint refuses its write."""
    async with db.transaction(write=True) as session:
        session.add(SlackProfile(team_id="T", user_id="U_WANG"))
    async with db.transaction(write=True) as session:
        session.add(SlackProfile(team_id="T", user_id="U_WANG"))


async def test_a_command_that_lost_a_race_for_a_value_says_nothing_was_saved_and_to_resend(
    database_url: str,
) -> None:
    db = Database(database_url)
    app = bare_app()

    @app.middleware
    async def as_wang(context, next):
        context["person"] = Person("T", "U_WANG", "zh", ZoneInfo("Asia/Shanghai"))
        return await next()

    @app.command("/customer")
    async def racing(ack):
        await taken_meanwhile(db)

    response = await app.async_dispatch(command_request())
    await db.dispose()

    text = json.loads(response.body)["text"]
    assert "同一时刻保存了相同的内容" in text and "未保存任何内容" in text
    assert "参考编号" not in text, "not a fault to report"


async def test_a_form_that_lost_a_race_for_a_value_stays_open_with_what_was_typed(
    database_url: str,
) -> None:
    """Submitted again, it meets the colleague's save under its rules (the number taken, the
    milestone accepted)."""
    db = Database(database_url)
    app = bare_app()

    @app.view("anything")
    async def racing(ack):
        await taken_meanwhile(db)

    request = form_request()
    payload = json.loads(dict(parse_qsl(request.raw_body))["payload"])
    payload["view"]["blocks"] = [{"type": "input", "block_id": "number", "element": {}}]
    response = await app.async_dispatch(
        AsyncBoltRequest(
            body=urlencode({"payload": json.dumps(payload)}),
            headers={"content-type": ["application/x-www-form-urlencoded"]},
        )
    )
    await db.dispose()

    body = json.loads(response.body)
    assert body["response_action"] == "errors"
    assert body["errors"]["number"].startswith("Someone saved the same thing at the same moment")
