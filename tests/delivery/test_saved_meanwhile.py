"""Two people saving the same new thing at the same moment, on PostgreSQL: a card's next
change request, a contract's number, a quarter's first maintenance activity, a milestone's
acceptance. Both forms found the value free; the colleague's save commits first and the
database's unique constraint refuses the second's write. The second is then run again
(bot/store/races.py) and does what it would have done a moment later: numbered after the
colleague's, added to the plan they made, told its number is taken under its field, shown
the acceptance that stands. Before, the second person was told a colleague had saved the
same thing and to send theirs again. (SQLite's writers go one at a time from their first
statement, so there the second always met the first's save.)"""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.submissions import Submitted
from bot.delivery.acceptance import AcceptanceForm, accept
from bot.delivery.change_requests import ChangeForm, save_change_form
from bot.delivery.maintenance_cases import add_activity
from bot.errors import Invalid
from bot.sales import contract_cases
from bot.sales.contract_form import ContractForm
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest
from bot.store.maintenance_models import MaintenancePlan, PlanActivity
from bot.store.models import Customer
from bot.store.plan_tables import Milestone
from bot.store.sales_models import Contract
from bot.store.survey_models import Acceptance, Survey
from tests.conftest import NOW, TEAM
from tests.delivery.test_maintenance_cases import MEETING, Q4
from tests.delivery.test_survey_cases import MANAGER, hp, milestone_id  # noqa: F401
from tests.locks import skip_unless_postgres, taken_while


@pytest.fixture(autouse=True)
def on_postgres(db: Database) -> None:
    skip_unless_postgres(db)


async def rows(db: Database, model: type[ChangeRequest | Contract | MaintenancePlan]) -> list:
    async with db.transaction() as session:
        return list((await session.exec(select(model))).all())


async def test_a_change_asked_while_a_colleague_asks_one_is_numbered_after_theirs(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    async def asked_by_a_colleague(session: AsyncSession) -> None:
        session.add(
            ChangeRequest(
                team_id=TEAM,
                customer_id=hp.id or 0,
                number=1,
                summary="增加周报",
                owner_id="U_MGR",
                created_by="U_BOSS",
            )
        )

    moved = await taken_while(
        db,
        asked_by_a_colleague,
        lambda: save_change_form(
            db, actor=MANAGER, customer_id=hp.id or 0, form=ChangeForm("增加月度报表")
        ),
    )

    assert (moved.change.number, moved.change.summary) == (2, "增加月度报表")
    changes = await rows(db, ChangeRequest)
    assert sorted((c.number, c.created_by) for c in changes) == [(1, "U_BOSS"), (2, "U_MGR")]


async def test_a_contract_numbered_as_a_colleagues_saved_meanwhile_is_refused_on_its_number(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    """Both forms found HT-1 free; the colleague's commits first. This one is told under its
    number that HT-1 is taken, as it would be a moment later, and saves nothing."""
    form = ContractForm(number="HT-1", title="ERP", signed_on="2026-11-20", amount="120万")

    async def recorded_by_a_colleague(session: AsyncSession) -> None:
        session.add(
            Contract(
                team_id=TEAM,
                customer_id=hp.id or 0,
                number="HT-1",
                title="ERP",
                signed_on=date(2026, 11, 20),
                amount_minor=120_000_000,
                created_by="U_BOSS",
            )
        )

    with pytest.raises(Invalid) as refused:
        await taken_while(
            db,
            recorded_by_a_colleague,
            lambda: contract_cases.save_contract(
                db, actor=MANAGER, customer_id=hp.id or 0, form=form
            ),
        )

    assert refused.value.errors["number"].key == "contract.number_taken"
    assert [c.created_by for c in await rows(db, Contract)] == ["U_BOSS"]


async def test_a_quarters_first_activity_beside_a_colleagues_goes_into_the_plan_they_made(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    async def planned_by_a_colleague(session: AsyncSession) -> None:
        plan = MaintenancePlan(
            team_id=TEAM,
            customer_id=hp.id or 0,
            period_start=Q4.start,
            period_end=Q4.end,
            created_by="U_BOSS",
        )
        session.add(plan)
        await session.flush()
        session.add(
            PlanActivity(
                plan_id=plan.id or 0,
                kind="visit",
                goal="回访",
                owner_id="U_BOSS",
                day=date(2026, 12, 2),
                created_by="U_BOSS",
            )
        )

    shown = await taken_while(
        db,
        planned_by_a_colleague,
        lambda: add_activity(db, actor=MANAGER, customer_id=hp.id or 0, period=Q4, form=MEETING),
    )

    (plan,) = await rows(db, MaintenancePlan)
    assert plan.created_by == "U_BOSS" and shown.plan is not None and shown.plan.id == plan.id
    assert sorted(a.goal for a in shown.activities) == ["与张总会面", "回访"]


async def test_a_milestone_accepted_beside_a_colleague_shows_the_acceptance_that_stands(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    milestone = await milestone_id(db)

    async def accepted_by_a_colleague(session: AsyncSession) -> None:
        done = await session.get(Milestone, milestone)
        assert done is not None
        done.status, done.done_by, done.done_at = "done", "U_BOSS", NOW
        session.add(done)
        session.add(
            Acceptance(
                team_id=TEAM,
                customer_id=hp.id or 0,
                project_id=done.project_id,
                milestone_id=milestone,
                accepted_by="U_BOSS",
                note="已签字",
                accepted_at=NOW,
            )
        )

    accepted = await taken_while(
        db,
        accepted_by_a_colleague,
        lambda: accept(db, actor=MANAGER, milestone_id=milestone, form=AcceptanceForm("", "好")),
    )

    assert accepted.survey is None  # asked by the acceptance that stands, not a second time
    assert (accepted.acceptance.accepted_by, accepted.acceptance.note) == ("U_BOSS", "已签字")
    async with db.transaction() as session:
        assert len((await session.exec(select(Acceptance))).all()) == 1
        assert (await session.exec(select(Survey))).all() == []


async def test_one_form_sent_twice_at_the_same_moment_is_saved_once(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    """Slack sends a form again when its first answer is late, and a person may press Save
    twice: the two copies of one submission meet on its claim, not on a number, so the
    second is not run again as the next change or a second activity."""
    sent = Submitted("change_request", "V_TWICE")
    planned = Submitted("plan_activity", "V_TWICE")

    changes = await asyncio.gather(
        *(
            save_change_form(
                db,
                actor=MANAGER,
                customer_id=hp.id or 0,
                form=ChangeForm("增加月度报表"),
                submitted=sent,
            )
            for _ in range(2)
        ),
        return_exceptions=True,
    )
    activities = await asyncio.gather(
        *(
            add_activity(
                db,
                actor=MANAGER,
                customer_id=hp.id or 0,
                period=Q4,
                form=MEETING,
                submitted=planned,
            )
            for _ in range(2)
        ),
        return_exceptions=True,
    )

    for outcomes in (changes, activities):
        assert sorted(type(o).__name__ for o in outcomes)[0] == "AlreadySubmitted", outcomes
    assert [c.number for c in await rows(db, ChangeRequest)] == [1]
    async with db.transaction() as session:
        assert len((await session.exec(select(PlanActivity))).all()) == 1


async def test_a_contract_sent_twice_at_the_same_moment_is_told_saved_not_its_number_taken(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    """Both copies find HT-1 free; the first commits, the second's INSERT is refused on the
    number and run again, which finds HT-1 taken. Its submission was saved, by the first:
    that is what the person is told, not that their number is someone's."""
    form = ContractForm(number="HT-1", title="ERP", signed_on="2026-11-20", amount="120万")
    sent = Submitted("contract", "V_TWICE")

    outcomes = await asyncio.gather(
        *(
            contract_cases.save_contract(
                db, actor=MANAGER, customer_id=hp.id or 0, form=form, submitted=sent
            )
            for _ in range(2)
        ),
        return_exceptions=True,
    )

    assert sorted(type(o).__name__ for o in outcomes)[0] == "AlreadySubmitted", outcomes
    assert [c.number for c in await rows(db, Contract)] == ["HT-1"]
