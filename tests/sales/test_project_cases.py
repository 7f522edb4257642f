"""Projects asked of their use cases directly: milestones copied from the phase template
between start and planned end, the move to post-contract prefilled for a customer before the
contract, the channel to make or link, and who may do what."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from bot.actor import Actor
from bot.customers.refusals import CardGone, MayNotChange
from bot.errors import Invalid, NotFound
from bot.sales import contract_cases, project_cases
from bot.sales.contract_form import ContractForm
from bot.sales.project_form import ProjectForm
from bot.sales.projects import template_days
from bot.store.db import Database
from bot.store.models import CardShare, ChannelLink, Customer, Milestone, Schedule, TeamMember
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)


def actor(user: str, *, admin: bool = False, channels: frozenset[str] = frozenset()) -> Actor:
    return Actor(TEAM, user, "zh", SHANGHAI, LATER, is_admin=admin, channels=channels)


MANAGER = actor("U_MGR")
PM = actor("U_PM")  # the project manager, who sees the card through the project's channel
COLLEAGUE = actor("U_CHAN", channels=frozenset({"C_TEAM"}))
OUTSIDER = actor("U_OUT")
FORM = ProjectForm(
    name="ERP实施",
    manager_id="U_PM",
    members="U_A,U_B",
    starts_on="2026-12-01",
    ends_on="2027-05-30",
    new_channel="proj-hp-erp",
    private="yes",
)


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    customer = await create("惠普中国有限公司", short_name="HP")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        session.add(
            CardShare(
                team_id=TEAM,
                customer_id=customer.id,
                kind="channel",
                target="C_TEAM",
                shared_by="U_MGR",
            )
        )
    return customer


def test_the_template_spreads_its_milestones_from_start_to_planned_end() -> None:
    days = template_days(date(2027, 1, 1), date(2027, 12, 31))

    assert [key for key, _ in days] == [
        "kickoff",
        "baseline",
        "site",
        "training",
        "acceptance",
        "closeout",
    ]
    assert days[0][1] == date(2027, 1, 8) and days[-1][1] == date(2027, 12, 31)
    assert [d for _, d in days] == sorted(d for _, d in days)


async def test_a_project_gets_the_template_and_the_handover_prefilled(
    db: Database, hp: Customer
) -> None:
    contract = await contract_cases.save_contract(
        db,
        actor=MANAGER,
        customer_id=hp.id or 0,
        form=ContractForm(number="HT-1", title="ERP", signed_on="2026-11-20", amount="120万"),
    )
    form = ProjectForm(**{**FORM.__dict__, "contract_id": str(contract.contract.id)})

    created = await project_cases.create_project(
        db, actor=MANAGER, customer_id=hp.id or 0, form=form
    )

    project = created.view.project
    assert (project.name, project.manager_id, project.members) == (
        "ERP实施",
        "U_PM",
        ["U_A", "U_B"],
    )
    assert [m.title for m in created.view.milestones] == [
        "项目启动会",
        "确定基线项目计划",
        "现场准备与安装",
        "客户培训",
        "测试与验收",
        "收尾与满意度评审",
    ]
    assert all(m.project_id == project.id for m in created.view.milestones)
    assert created.channel is not None
    assert (created.channel.new_name, created.channel.private) == ("proj-hp-erp", True)
    assert created.channel.invite == ("U_MGR", "U_PM", "U_A", "U_B")
    handover = created.handover
    assert handover is not None
    assert (handover.form.to_phase, handover.form.primary_contact_id) == ("post_contract", "U_PM")
    assert (handover.form.sales_rep_id, handover.form.cadence) == ("U_MGR", "weekly")
    assert "ERP实施" in handover.form.note and "HT-1" in handover.form.note


async def test_the_channel_is_linked_shared_and_briefed_by_the_pm(
    db: Database, hp: Customer
) -> None:
    created = await project_cases.create_project(
        db, actor=MANAGER, customer_id=hp.id or 0, form=FORM
    )
    assert created.channel is not None

    view = await project_cases.attach_channel(
        db, actor=MANAGER, project_id=created.channel.project_id, channel_id="C_PROJ", shared=False
    )

    assert view.project.channel_id == "C_PROJ"
    async with db.transaction() as session:
        (link,) = (await session.exec(select(ChannelLink))).all()
        briefs = (await session.exec(select(Schedule).where(Schedule.kind == "brief"))).all()
    assert link.channel_id == "C_PROJ"
    assert [(s.target, s.tz) for s in briefs] == [("C_PROJ", "Asia/Shanghai")]
    # the PM sees the card through the project's channel, and may change the project
    pm = Actor(TEAM, "U_PM", "zh", SHANGHAI, LATER, channels=frozenset({"C_PROJ"}))
    moved = await project_cases.move_project_phase(
        db, actor=pm, project_id=view.project.id or 0, phase="implementation"
    )
    assert moved.project.phase == "implementation"


async def test_a_customer_past_the_contract_is_not_moved_back(db: Database, hp: Customer) -> None:
    async with db.transaction(write=True) as session:
        card = await session.get(Customer, hp.id)
        assert card is not None
        card.phase = "implementation"

    created = await project_cases.create_project(
        db, actor=MANAGER, customer_id=hp.id or 0, form=FORM
    )

    assert created.handover is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_on": "2026-11-01"}, "ends_on"),
        ({"name": " "}, "name"),
        ({"new_channel": "ERP 实施"}, "new_channel"),
        ({"channel_id": "C_OLD"}, "new_channel"),  # both a channel and a new one
        ({"starts_on": ""}, "starts_on"),
    ],
)
async def test_a_wrong_form_is_refused_under_its_field(
    db: Database, hp: Customer, change: dict[str, str], field: str
) -> None:
    form = ProjectForm(**{**FORM.__dict__, **change})

    with pytest.raises(Invalid) as refused:
        await project_cases.create_project(db, actor=MANAGER, customer_id=hp.id or 0, form=form)

    assert field in refused.value.errors


async def test_who_may_do_what_with_a_project(db: Database, hp: Customer) -> None:
    created = await project_cases.create_project(
        db, actor=MANAGER, customer_id=hp.id or 0, form=FORM
    )
    project_id = created.view.project.id or 0

    shown = await project_cases.show_project(db, actor=COLLEAGUE, project_id=project_id)
    assert shown.project.name == "ERP实施" and not shown.may_change
    with pytest.raises(MayNotChange):
        await project_cases.move_project_phase(
            db, actor=COLLEAGUE, project_id=project_id, phase="lcm"
        )
    with pytest.raises(MayNotChange):
        await project_cases.create_project(db, actor=COLLEAGUE, customer_id=hp.id or 0, form=FORM)
    with pytest.raises(NotFound):
        await project_cases.show_project(db, actor=OUTSIDER, project_id=project_id)
    with pytest.raises(CardGone):
        await project_cases.open_project_form(db, actor=OUTSIDER, customer_id=hp.id)
    with pytest.raises(NotFound):
        await project_cases.attach_channel(
            db, actor=OUTSIDER, project_id=project_id, channel_id="C_X", shared=False
        )


async def test_the_templates_milestones_are_written_in_one_statement_not_read_back(
    db: Database, hp: Customer
) -> None:
    """Each with its id (the page's buttons name it), in the template's order, at 09:00 in
    the actor's zone; as stored (issue 17: on SQLite one INSERT each, six statements, then
    one INSERT and a read back of their ids)."""
    with statements_sent(db) as sent:
        created = await project_cases.create_project(
            db, actor=MANAGER, customer_id=hp.id or 0, form=FORM
        )

    assert len([s for s in sent if s.startswith("INSERT INTO milestone")]) == 1, "\n".join(sent)
    # the INSERT returns each id with what tells its milestone apart, on both databases
    assert reading(sent, "milestone") == [], "\n".join(sent)
    shown = created.view.milestones
    async with db.transaction() as session:
        stored = (await session.exec(select(Milestone).order_by(col(Milestone.id)))).all()
    assert [(m.id, m.title, m.due_at, m.project_id) for m in shown] == [
        (m.id, m.title, m.due_at, m.project_id) for m in stored
    ]
    days = template_days(date(2026, 12, 1), date(2027, 5, 30))
    assert [(m.kind, m.due_at.astimezone(SHANGHAI).date()) for m in shown] == days
    assert {m.due_at.astimezone(SHANGHAI).hour for m in shown} == {9}


async def test_a_project_names_a_contract_of_its_own_card_read_with_the_card(
    db: Database, hp: Customer, create: Create
) -> None:
    """The contract chosen is the card's, or refused under its field — another card's, one
    that never was — after the card's own refusals; it is read with its card, the card not
    again (issue 17: the card, then the contract)."""
    other = await create("联想集团有限公司", short_name="LX")
    contracts = {}
    for card in (hp, other):
        saved = await contract_cases.save_contract(
            db,
            actor=actor("U_MGR", admin=True),
            customer_id=card.id or 0,
            form=ContractForm(
                number=f"HT-{card.id}", title="ERP", signed_on="2026-11-20", amount="10万"
            ),
        )
        contracts[card.id] = saved.contract.id or 0

    refused = {}
    for name, contract_id in (("another card's", contracts[other.id]), ("none", 4242)):
        form = ProjectForm(**{**FORM.__dict__, "contract_id": str(contract_id)})
        with pytest.raises(Invalid) as wrong:
            await project_cases.create_project(db, actor=MANAGER, customer_id=hp.id or 0, form=form)
        refused[name] = list(wrong.value.errors)
    with pytest.raises(MayNotChange):
        form = ProjectForm(**{**FORM.__dict__, "contract_id": str(contracts[other.id])})
        await project_cases.create_project(db, actor=COLLEAGUE, customer_id=hp.id or 0, form=form)
    form = ProjectForm(**{**FORM.__dict__, "contract_id": str(contracts[hp.id])})
    with statements_sent(db) as sent:
        created = await project_cases.create_project(
            db, actor=MANAGER, customer_id=hp.id or 0, form=form
        )

    assert refused == {"another card's": ["contract_id"], "none": ["contract_id"]}
    assert created.view.contract is not None and created.view.contract.number == f"HT-{hp.id}"
    assert created.view.project.contract_id == contracts[hp.id]
    assert reading(sent, "customer") == [], "\n".join(sent)  # the card came with its contract
    assert len(reading(sent, "contract")) == 1, "\n".join(sent)
