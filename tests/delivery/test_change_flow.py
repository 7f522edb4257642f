"""A change request moves requested → evaluated → confirmed → implemented → verified; a step
out of order is refused naming what may be done now; final states move no more."""

from __future__ import annotations

import pytest

from bot.delivery.change_flow import (
    FINAL,
    ChangeState,
    ChangeStep,
    next_state,
    read_schedule_days,
    steps_from,
)
from bot.errors import Invalid, Labels
from bot.views.customer_errors import render_message

S, T = ChangeState, ChangeStep


def test_the_whole_flow_from_request_to_verification() -> None:
    state = S.REQUESTED
    for step in (T.EVALUATE, T.CONFIRM, T.IMPLEMENT, T.VERIFY):
        state = next_state(state, step)

    assert state is S.VERIFIED


def test_an_evaluation_may_be_revised_while_the_customer_has_not_answered() -> None:
    assert next_state(S.EVALUATED, T.EVALUATE) is S.EVALUATED


@pytest.mark.parametrize(
    ("state", "step", "allowed"),
    [
        (S.REQUESTED, T.CONFIRM, ["evaluate", "reject", "withdraw"]),
        (S.EVALUATED, T.IMPLEMENT, ["evaluate", "confirm", "decline", "reject", "withdraw"]),
        (S.CONFIRMED, T.VERIFY, ["implement", "withdraw"]),
        (S.IMPLEMENTED, T.WITHDRAW, ["verify"]),
    ],
)
def test_a_step_out_of_order_names_the_steps_allowed_now(
    state: ChangeState, step: ChangeStep, allowed: list[str]
) -> None:
    with pytest.raises(Invalid) as refused:
        next_state(state, step)

    message = refused.value.errors["step"]
    assert message.key == "change.out_of_order"
    assert message.params["allowed"] == Labels(tuple(f"change.step.{s}" for s in allowed))


@pytest.mark.parametrize("state", sorted(FINAL))
def test_a_final_state_moves_no_more(state: ChangeState) -> None:
    assert steps_from(state) == []
    with pytest.raises(Invalid) as refused:
        next_state(state, T.EVALUATE)

    assert refused.value.errors["step"].key == "change.final"


@pytest.mark.parametrize(
    ("typed", "days"),
    [("5", 5), ("+5", 5), ("-2", -2), ("0", 0), ("5天", 5), ("5 days", 5), (" 1 day ", 1)],
)
def test_schedule_impact_is_read_in_whole_days(typed: str, days: int) -> None:
    assert read_schedule_days(typed) == days


@pytest.mark.parametrize("typed", ["", "five", "1.5", "²", "①", "99999", "--3", "5 weeks"])
def test_schedule_impact_that_is_not_whole_days_is_refused_on_its_field(typed: str) -> None:
    with pytest.raises(Invalid) as refused:
        read_schedule_days(typed)

    assert refused.value.errors["schedule_days"].key == "change.schedule_days_invalid"


def test_the_refusal_names_the_steps_in_the_readers_words() -> None:
    with pytest.raises(Invalid) as refused:
        next_state(S.REQUESTED, T.CONFIRM)

    message = refused.value.errors["step"]
    assert render_message(message, "en") == (
        "A request that is Requested cannot confirm for the customer yet. "
        "What can be done now: evaluate, reject, withdraw."
    )
    assert render_message(message, "zh") == (
        "状态为“已申请”的变更申请还不能记录客户确认。现在可以：评估、驳回、撤回。"
    )
