"""A change request's flow (001 需求变更: 申请 → 评估 → 确认 → 跟踪) as plain rules.

Requested by a contact or a colleague, evaluated by the project manager (schedule, cost,
resources, risk, a recommendation), confirmed or declined by the customer, then implemented
and verified. Rejected (by the project manager) and withdrawn (by whoever asked) are states
too: nothing is deleted, and a request in a final state moves no more. A step taken out of
order is refused naming the steps that are allowed now, so a person learns the flow from
the refusal itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.errors import Invalid, Labels, Message


class ChangeState(StrEnum):
    REQUESTED = "requested"
    EVALUATED = "evaluated"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    IMPLEMENTED = "implemented"
    VERIFIED = "verified"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ChangeStep(StrEnum):
    EVALUATE = "evaluate"
    CONFIRM = "confirm"
    DECLINE = "decline"
    IMPLEMENT = "implement"
    VERIFY = "verify"
    REJECT = "reject"
    WITHDRAW = "withdraw"


# step → (the states it may be taken from, the state it leads to). Evaluating again while
# the customer has not answered revises the evaluation they are shown.
FLOW: dict[ChangeStep, tuple[frozenset[ChangeState], ChangeState]] = {
    ChangeStep.EVALUATE: (
        frozenset({ChangeState.REQUESTED, ChangeState.EVALUATED}),
        ChangeState.EVALUATED,
    ),
    ChangeStep.CONFIRM: (frozenset({ChangeState.EVALUATED}), ChangeState.CONFIRMED),
    ChangeStep.DECLINE: (frozenset({ChangeState.EVALUATED}), ChangeState.DECLINED),
    ChangeStep.IMPLEMENT: (frozenset({ChangeState.CONFIRMED}), ChangeState.IMPLEMENTED),
    ChangeStep.VERIFY: (frozenset({ChangeState.IMPLEMENTED}), ChangeState.VERIFIED),
    ChangeStep.REJECT: (
        frozenset({ChangeState.REQUESTED, ChangeState.EVALUATED}),
        ChangeState.REJECTED,
    ),
    ChangeStep.WITHDRAW: (
        frozenset({ChangeState.REQUESTED, ChangeState.EVALUATED, ChangeState.CONFIRMED}),
        ChangeState.WITHDRAWN,
    ),
}
FINAL = frozenset(
    {ChangeState.DECLINED, ChangeState.VERIFIED, ChangeState.REJECTED, ChangeState.WITHDRAWN}
)
# who waits on an open request: shown in briefs and on the card
WAITING_FOR = {
    ChangeState.REQUESTED: "evaluation",
    ChangeState.EVALUATED: "customer",
    ChangeState.CONFIRMED: "implementation",
    ChangeState.IMPLEMENTED: "verification",
}


def steps_from(state: ChangeState) -> list[ChangeStep]:
    """The steps allowed now, in the flow's order (the forward step first)."""
    return [step for step, (sources, _) in FLOW.items() if state in sources]


def next_state(state: ChangeState, step: ChangeStep) -> ChangeState:
    """Where `step` leads from `state`, or Invalid naming what may be done instead."""
    sources, target = FLOW[step]
    if state in sources:
        return target
    allowed = steps_from(state)
    state_label = Labels((f"change.state.{state.value}",))
    if not allowed:
        raise Invalid({"step": Message("change.final", {"state": state_label})})
    raise Invalid(
        {
            "step": Message(
                "change.out_of_order",
                {
                    "step": Labels((f"change.step.{step.value}",)),
                    "state": state_label,
                    "allowed": Labels(tuple(f"change.step.{s.value}" for s in allowed)),
                },
            )
        }
    )


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Recommendation(StrEnum):
    ACCEPT = "accept"
    ACCEPT_WITH_CHANGES = "accept_with_changes"
    REJECT = "reject"


@dataclass(frozen=True)
class Evaluation:
    """The project manager's evaluation: what the change costs the project."""

    schedule_days: int  # days the plan moves (0: none; negative: the change saves time)
    cost_minor: int | None  # in the currency's minor units, None when it costs nothing extra
    currency: str
    resources: str
    risk: Risk
    recommendation: Recommendation


# an evaluation as typed, read once the workspace's currency (its argument) is known: a
# cost typed without a currency is in the workspace's
EvaluationReader = Callable[[str], Evaluation]

MAX_SCHEDULE_DAYS = 3650


def read_schedule_days(raw: str) -> int:
    """`5`, `+5`, `-2`, `0`, `5天`, `5 days`: whole days, within ten years either way."""
    text = raw.strip().lower().removesuffix("days").removesuffix("day").removesuffix("天")
    text = text.strip().removeprefix("+")
    negative = text.startswith("-")
    digits = text.removeprefix("-").strip()
    if not digits.isascii() or not digits.isdigit():
        raise Invalid({"schedule_days": Message("change.schedule_days_invalid", {"text": raw})})
    days = -int(digits) if negative else int(digits)
    if abs(days) > MAX_SCHEDULE_DAYS:
        raise Invalid({"schedule_days": Message("change.schedule_days_invalid", {"text": raw})})
    return days
