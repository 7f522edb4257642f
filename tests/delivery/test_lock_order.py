"""An answer's locks never wait in a circle with the saves that write what a card's kept
health is computed from (PostgreSQL). Those saves lock the card's health row by a trigger
first and update the card at their commit; an answer that locked the card too would deadlock
with them, and one of the two people would be told Rapport was busy. Here each such save is
held, by a table it is about to write, after taking the health row; the answer comes in
meanwhile and reaches the health row; then the save goes on. Both must end saved."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlalchemy import text

from bot.customers import contact_cases, phase_cases
from bot.customers.form import ContactForm
from bot.customers.merge_cases import merge_cards
from bot.customers.phases import PhaseForm
from bot.delivery import surveys
from bot.delivery.change_cases import take_change_step
from bot.delivery.change_flow import ChangeStep
from bot.delivery.change_requests import ChangeForm, save_change_form
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import Create
from tests.delivery.test_change_cases import TWO_WEEKS
from tests.delivery.test_survey_cases import (  # noqa: F401
    LOW,
    MANAGER,
    asked_survey,
    hp,
    milestone_id,
)
from tests.locks import skip_unless_postgres, until_waiting

Work = Callable[[], Awaitable[object]]


async def both_saved(
    db: Database, held_at: str, save: Work, answer: Work, *, mode: str = "SHARE ROW EXCLUSIVE"
) -> None:
    """`save` held where it comes to `held_at` (a table locked meanwhile in `mode`: against
    its writes, or against its reads too), `answer` taken until it waits too, then `save` let
    go: both end without an error."""
    go, held = asyncio.Event(), asyncio.Event()

    async def holding() -> None:
        async with db.transaction(write=True) as session:
            await session.exec(  # type: ignore[call-overload]
                text(f"LOCK TABLE {held_at} IN {mode} MODE")
            )
            held.set()
            await go.wait()

    holder = asyncio.create_task(holding())
    await held.wait()
    saving = asyncio.create_task(save())
    await until_waiting(db, "the save")  # it holds the health row, and waits for `held_at`
    answering = asyncio.create_task(answer())
    await until_waiting(db, "the answer", count=2)  # it holds its rows, waits for the health row
    go.set()
    await holder
    outcomes = await asyncio.gather(saving, answering, return_exceptions=True)
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes


async def change_to_confirm(db: Database, hp: Customer) -> Work:  # noqa: F811
    """A change of HP moving its acceptance milestone, evaluated: its confirmation."""
    milestone = await milestone_id(db)
    form = ChangeForm("增加报表", milestones=str(milestone))
    asked = await save_change_form(db, actor=MANAGER, customer_id=hp.id or 0, form=form)
    change_id = asked.change.id or 0
    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
    )
    return lambda: take_change_step(db, actor=MANAGER, change_id=change_id, step=ChangeStep.CONFIRM)


def phase_saved(db: Database, hp: Customer) -> Work:  # noqa: F811
    form = PhaseForm(to_phase="post_contract", primary_contact_id="U_MGR")
    return lambda: phase_cases.save_phase(db, actor=MANAGER, customer_id=hp.id or 0, form=form)


async def test_a_phase_saved_while_a_change_is_confirmed(db: Database, hp: Customer) -> None:  # noqa: F811
    skip_unless_postgres(db)
    confirm = await change_to_confirm(db, hp)

    await both_saved(db, "phase_change", phase_saved(db, hp), confirm)


async def test_a_phase_saved_while_a_survey_is_answered(db: Database, hp: Customer) -> None:  # noqa: F811
    skip_unless_postgres(db)
    survey_id = await asked_survey(db)

    await both_saved(
        db,
        "phase_change",
        phase_saved(db, hp),
        lambda: surveys.record_survey(db, actor=MANAGER, survey_id=survey_id, form=LOW),
    )


async def test_a_contact_added_while_a_change_is_confirmed(db: Database, hp: Customer) -> None:  # noqa: F811
    skip_unless_postgres(db)
    confirm = await change_to_confirm(db, hp)
    zhang = ContactForm(name="张伟")

    await both_saved(
        db,
        "customer_event",
        lambda: contact_cases.save_contact(
            db, actor=MANAGER, customer_id=hp.id or 0, form=zhang, region="CN"
        ),
        confirm,
    )


async def test_a_card_merged_into_hp_while_a_change_of_hp_is_confirmed(
    db: Database,
    hp: Customer,  # noqa: F811
    create: Create,
) -> None:
    skip_unless_postgres(db)
    duplicate = await create("联想集团有限公司", short_name="LX")
    zhang = ContactForm(name="张伟")
    await contact_cases.save_contact(
        db, actor=MANAGER, customer_id=duplicate.id or 0, form=zhang, region="CN"
    )
    confirm = await change_to_confirm(db, hp)

    await both_saved(
        db,
        "feedback_item",
        lambda: merge_cards(db, actor=MANAGER, duplicate_id=duplicate.id or 0, kept_id=hp.id or 0),
        confirm,
        mode="ACCESS EXCLUSIVE",  # the merge reads the feedback items it moves
    )
