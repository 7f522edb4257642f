"""The unique values two people may save at the same moment, each after checking it free:
the second's write is refused by the database's constraint and rolls back. Named here, so
that the use case runs once more (`run_again_if_raced`): it then meets the colleague's save
and does what its rules say after it — numbers its row next, adds to the plan made, or
refuses the number taken on its field. Only when its second run is refused too (a third
save at the same moment) is the person told that a colleague's save came first
(bot/commands/errors.py). Any other unique refusal is a fault, reported as one."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from functools import cache
from typing import ParamSpec, TypeVar

from sqlalchemy import UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from bot.store.delivery_models import ChangeRequest, Requirement
from bot.store.maintenance_models import MaintenancePlan
from bot.store.plan_tables import PhasePlan
from bot.store.sales_models import Contract
from bot.store.saves import saves_made
from bot.store.survey_models import Acceptance
from bot.store.types import table_of
from bot.store.unique_refusals import refusal_signs, refused_by

RACED: tuple[tuple[type[SQLModel], str], ...] = (
    (Contract, "uq_contract_number"),  # a contract's number, in the workspace
    (ChangeRequest, "uq_change_request_number"),  # a card's next change request
    (Requirement, "uq_requirement_number"),  # a list's next one (a change confirmed into it)
    (Acceptance, "uq_acceptance_milestone"),  # a milestone accepted
    (PhasePlan, "uq_phase_plan"),  # a card's plan of a phase, made by its first save
    (MaintenancePlan, "uq_maintenance_plan_period"),  # a period's plan, by its first activity
)


P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def run_again_if_raced(use_case: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """`use_case` (one write transaction) run again when a RACED constraint refused its
    write: rolled back, nothing of it saved, its second run reads what the colleague saved.
    Not when the work had saved something before (a second run would save it twice)."""

    @functools.wraps(use_case)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await use_case(*args, **kwargs)
        except IntegrityError as error:
            if saves_made() or not taken_at_once(error):
                raise
            log.info("%s: saved meanwhile by another; run again", run.__qualname__)
        return await use_case(*args, **kwargs)

    return run


def taken_at_once(error: IntegrityError) -> bool:
    """Whether `error` is one of the RACED constraints refusing a value taken."""
    return refused_by(error, _signs())


@cache
def _signs() -> tuple[str, ...]:
    """Each RACED constraint's refusal, as each database words it."""
    signs: list[str] = []
    for model, name in RACED:
        table = table_of(model)
        (constraint,) = (
            c for c in table.constraints if isinstance(c, UniqueConstraint) and c.name == name
        )
        signs += refusal_signs(table, name, constraint.columns)
    return tuple(signs)
