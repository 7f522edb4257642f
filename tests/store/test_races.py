"""A use case whose new row a colleague's save took at the same moment is run once more, to
meet that save (tests/delivery/test_saved_meanwhile.py shows each on PostgreSQL); nothing
else is run twice: another refusal of the database, a second refusal in a row, or work that
had already saved something, which a second run would save twice."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from bot.store.db import Database
from bot.store.races import run_again_if_raced, taken_at_once
from bot.store.saves import watch_saves
from tests.store.test_saves import saved_by

TAKEN_ON_POSTGRESQL = 'duplicate key value violates unique constraint "uq_change_request_number"'
TAKEN_ON_SQLITE = "UNIQUE constraint failed: change_request.customer_id, change_request.number"
ANOTHER = 'duplicate key value violates unique constraint "uq_customer_handle"'


def refusal(said: str) -> IntegrityError:
    return IntegrityError("INSERT INTO …", {}, Exception(said))


class UseCase:
    """Refused by the database with `refusals` in turn, then done: how often it ran."""

    def __init__(self, *refusals: str) -> None:
        self.refusals, self.runs = list(refusals), 0

    async def __call__(self, number: int, *, by: str) -> str:
        self.runs += 1
        if self.refusals:
            raise refusal(self.refusals.pop(0))
        return f"#{number} by {by}"


@pytest.mark.parametrize("said", [TAKEN_ON_POSTGRESQL, TAKEN_ON_SQLITE])
def test_each_database_names_a_raced_value_its_own_way(said: str) -> None:
    assert taken_at_once(refusal(said))
    assert not taken_at_once(refusal(ANOTHER))


async def test_a_save_refused_by_a_colleagues_new_row_is_run_again_with_its_arguments() -> None:
    use_case = UseCase(TAKEN_ON_POSTGRESQL)

    done = await run_again_if_raced(use_case)(2, by="U_MGR")

    assert (done, use_case.runs) == ("#2 by U_MGR", 2)


async def test_refused_again_the_second_refusal_reaches_the_person() -> None:
    use_case = UseCase(TAKEN_ON_POSTGRESQL, TAKEN_ON_POSTGRESQL)

    with pytest.raises(IntegrityError) as refused:
        await run_again_if_raced(use_case)(2, by="U_MGR")

    assert use_case.runs == 2 and taken_at_once(refused.value)


async def test_any_other_refusal_is_a_fault_and_not_run_again() -> None:
    use_case = UseCase(ANOTHER)

    with pytest.raises(IntegrityError):
        await run_again_if_raced(use_case)(2, by="U_MGR")

    assert use_case.runs == 1


async def test_work_that_saved_something_before_is_not_run_again(db: Database) -> None:
    watch_saves()
    await saved_by(db, "U_MGR")  # the request's work committed a write before the use case
    use_case = UseCase(TAKEN_ON_POSTGRESQL)

    with pytest.raises(IntegrityError):
        await run_again_if_raced(use_case)(2, by="U_MGR")

    assert use_case.runs == 1


def test_the_use_case_keeps_its_name_and_signature_for_the_router() -> None:
    async def save_change_form(customer_id: int, *, text: str) -> str:
        """The form saved."""
        return text

    wrapped = run_again_if_raced(save_change_form)

    assert (wrapped.__name__, wrapped.__doc__) == ("save_change_form", "The form saved.")
    assert wrapped.__wrapped__ is save_change_form  # type: ignore[attr-defined]
