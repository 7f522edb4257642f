"""A row a form makes keeps the submission that made it: a second copy of that submission is
refused by the row's own INSERT, on either database, and told apart from any other refusal;
rows made otherwise carry no key and never collide (the forms themselves, sent twice from
Slack's side: tests/commands/test_form_deadlines.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from bot.customers.submissions import AlreadySubmitted, saved_once
from bot.store.db import Database
from bot.store.maintenance_models import MaintenancePlan, PlanReview
from bot.store.models import Customer
from bot.store.sales_models import Document
from bot.store.submitted_rows import made_before
from tests.conftest import TEAM, Create


@pytest.fixture
async def hp(create: Create) -> Customer:
    return await create("惠普中国有限公司", short_name="HP")


async def planned(db: Database, hp: Customer) -> int:
    """HP's plan of the fourth quarter (a second one of that period is refused)."""
    async with db.transaction(write=True) as session:
        plan = MaintenancePlan(
            team_id=TEAM,
            customer_id=hp.id or 0,
            period_start=date(2026, 10, 1),
            period_end=date(2026, 12, 31),
            created_by="U_MGR",
        )
        session.add(plan)
    return plan.id or 0


async def reviewed(db: Database, plan_id: int, *keys: str | None) -> None:
    async with db.transaction(write=True) as session:
        for key in keys:
            session.add(PlanReview(plan_id=plan_id, written_by="U_MGR", created_from=key))


def document(hp: Customer, key: str | None) -> Document:
    return Document(
        team_id=TEAM,
        customer_id=hp.id or 0,
        kind="url",
        title="方案",
        url="https://example.com/plan.pdf",
        added_by="U_MGR",
        created_from=key,
    )


async def test_a_second_copy_of_a_submission_is_refused_by_its_rows_insert(
    db: Database, hp: Customer
) -> None:
    async with db.transaction(write=True) as session:
        session.add(document(hp, "document_save:U_MGR:V1"))

    with pytest.raises(IntegrityError) as refused:
        async with db.transaction(write=True) as session:
            session.add(document(hp, "document_save:U_MGR:V1"))

    assert made_before(refused.value)


async def test_rows_made_otherwise_carry_no_key_and_never_collide(
    db: Database, hp: Customer
) -> None:
    plan_id = await planned(db, hp)
    await reviewed(db, plan_id, None, None, "review:U_MGR:V1", "review:U_MGR:V2")

    with pytest.raises(IntegrityError) as refused:
        await reviewed(db, plan_id, "review:U_MGR:V1")

    assert made_before(refused.value)


async def test_any_other_refusal_is_not_taken_for_a_second_copy(db: Database, hp: Customer) -> None:
    await planned(db, hp)

    with pytest.raises(IntegrityError) as refused:  # a second plan of the same period
        await planned(db, hp)

    assert not made_before(refused.value)


async def test_a_use_case_refused_so_tells_the_person_it_was_saved_before(
    db: Database, hp: Customer
) -> None:
    @saved_once
    async def attach(key: str) -> None:
        async with db.transaction(write=True) as session:
            session.add(document(hp, key))

    await attach("document_save:U_MGR:V1")
    with pytest.raises(AlreadySubmitted):
        await attach("document_save:U_MGR:V1")
    await attach("document_save:U_MGR:V2")  # another submission: saved
