"""The load benchmarks' Slack stand-in tells an answer from an error reply: a command answered
"Something went wrong" failed, however quickly the answer came, and is not a reply."""

from __future__ import annotations

import json

import pytest

from bench.latency_load import TimedDouble
from bot.i18n import Lang
from bot.views.busy import build_busy_reply
from bot.views.errors import build_error_after_save, build_error_reply


def _as_sent(message: dict[str, object]) -> str:
    return json.dumps(message)  # as Bolt sends it: non-ASCII as \u escapes


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("database_down", [False, True])
def test_an_ack_that_is_an_error_reply_is_a_failure_not_a_reply(
    lang: Lang, database_down: bool
) -> None:
    double = TimedDouble()
    reply = build_error_reply(lang, database_down=database_down, reference="0f3a9c1d")
    refused = double.acked("t1", _as_sent(reply.as_message()), 1.0)
    assert not refused
    assert "t1" in double.failed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_error_after_a_save_is_a_failure(lang: Lang) -> None:
    double = TimedDouble()
    double.acked("t1", _as_sent(build_error_after_save(lang, reference="ab12").as_message()), 1.0)
    assert "t1" in double.failed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_busy_refusal_is_refused_not_failed(lang: Lang) -> None:
    double = TimedDouble()
    assert double.acked("t1", _as_sent(build_busy_reply(lang).as_message()), 1.0)
    assert "t1" not in double.failed
    assert "t1" not in double.arrivals


def test_an_answer_is_a_reply() -> None:
    double = TimedDouble()
    answer = {"text": "3 customers", "blocks": [{"type": "section", "block_id": "b"}]}
    assert not double.acked("t1", _as_sent(answer), 2.5)
    assert double.arrivals == {"t1": 2.5}
    assert not double.failed
