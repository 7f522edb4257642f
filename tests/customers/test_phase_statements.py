"""A phase change saved from its form reads the card once, and the plans of the phase it
leaves and the one it enters together (issue 17: it read the whole card and its contacts
twice, and each plan on its own)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.customers import phase_cases
from bot.customers.milestones import MilestoneForm
from bot.customers.phases import PhaseForm
from bot.customers.submissions import Submitted
from bot.store.db import Database
from bot.store.models import ChannelLink, PhasePlan
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent

SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGER = Actor(TEAM, "U_MGR", "zh", SHANGHAI, NOW + timedelta(hours=1))


async def test_a_phase_change_reads_its_card_once_and_both_plans_together(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = PhaseForm(to_phase="post_contract", primary_contact_id="U_PM", note="交接")
    submitted = Submitted(callback_id="phase_change", view_id="V1")

    with statements_sent(db) as sent:
        changed = await phase_cases.save_phase(
            db, actor=MANAGER, customer_id=hp.id or 0, form=form, submitted=submitted
        )

    assert changed.customer.phase == "post_contract" and changed.change is not None
    assert len(reading(sent, "customer")) == 1, "\n".join(sent)
    alone = ("SELECT phase_plan.", "SELECT channel_link.", "SELECT contact.")
    assert [s for s in sent if s.startswith(alone)] == [], "read with the card"
    # the claim (a phase form may edit the plan alone, writing no line that could keep
    # it); the card with its plans and its channels (issue 17: 3 statements); the plan,
    # the change, its history, the card's phase, its kept health out of date (the manager's
    # own card: their view of the workspace decides nothing; no channel to tell)
    assert len(sent) == 7, "\n".join(sent)
    plan = await phase_cases.show_plan(db, actor=MANAGER, text="hp")
    assert plan.customer.phase == "post_contract" and len(plan.changes) == 1
    assert plan.plans["post_contract"].primary_contact_id == "U_PM"


async def test_a_phase_change_hands_over_from_the_cards_own_plan_and_tells_its_linked_channels(
    db: Database, create: Create
) -> None:
    """The plan of the phase the card leaves is the card's own (another card's plan of that
    phase is not), and the channels told are the card's linked ones, not one unlinked."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    lenovo = await create("联想集团有限公司", short_name="Lenovo", actor="U_MGR")
    async with db.transaction(write=True) as session:
        for card, who in ((lenovo, "U_OTHER"), (hp, "U_SALES")):
            plan = PhasePlan(
                team_id=TEAM, customer_id=card.id or 0, phase=hp.phase, primary_contact_id=who
            )
            session.add(plan)
        for card, channel, unlinked in (
            (hp, "C_HP", None),
            (hp, "C_OLD", NOW),
            (lenovo, "C_LENOVO", None),
        ):
            session.add(
                ChannelLink(
                    team_id=TEAM,
                    customer_id=card.id or 0,
                    channel_id=channel,
                    linked_by="U_MGR",
                    unlinked_at=unlinked,
                )
            )
    form = PhaseForm(to_phase="post_contract", primary_contact_id="U_PM", note="交接")

    changed = await phase_cases.save_phase(db, actor=MANAGER, customer_id=hp.id or 0, form=form)

    assert changed.channels == ["C_HP"]
    assert changed.change is not None and changed.change.incoming_contact_id == "U_PM"
    assert changed.change.outgoing_contact_id == "U_SALES", "the card's own plan hands over"


async def test_a_milestone_from_its_form_reads_the_card_alone(db: Database, create: Create) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = MilestoneForm(title="上线验收", due="2026-12-24")

    with statements_sent(db) as sent:
        added = await phase_cases.add_milestone_from_form(
            db, actor=MANAGER, customer_id=hp.id or 0, form=form
        )

    assert added.milestone.title == "上线验收"
    assert len(reading(sent, "customer")) == 1, "\n".join(sent)
    assert reading(sent, "contact") == [] and reading(sent, "team_member") == []


async def test_the_phase_form_reads_the_card_its_contacts_and_the_plans_it_is_filled_with(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = MilestoneForm(title="上线验收", due="2026-12-24")
    await phase_cases.add_milestone_from_form(db, actor=MANAGER, customer_id=hp.id or 0, form=form)

    with statements_sent(db) as sent:
        opened = await phase_cases.phase_form_of(db, actor=MANAGER, customer_id=hp.id or 0)

    assert opened.form.to_phase == "post_contract"
    assert opened.form.primary_contact_id == "U_MGR"  # no plan yet: the manager
    # the card, its contacts, the plans: not the milestones it holds, nor its other lists
    assert reading(sent, "milestone") == []
    assert len(sent) == 3, "\n".join(sent)


async def test_done_on_a_milestone_reads_it_with_its_card_in_one_statement(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = MilestoneForm(title="上线验收", due="2026-12-24")
    added = await phase_cases.add_milestone_from_form(
        db, actor=MANAGER, customer_id=hp.id or 0, form=form
    )

    with statements_sent(db) as sent:
        done = await phase_cases.complete_milestone_of(
            db, actor=MANAGER, milestone_id=added.milestone.id or 0
        )

    assert (done.status, done.done_by) == ("done", "U_MGR")
    (read,) = reading(sent, "milestone")
    assert "JOIN customer" in read and reading(sent, "customer") == [], "\n".join(sent)
    assert len(sent) == 3, "\n".join(sent)  # the read, the card's history, the milestone
