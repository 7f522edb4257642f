"""A form whose save may write no line of the card's history (the phase form editing the
plan alone, a card's edit that changes nothing) claims its submission at once: its second
copy, sent after a colleague changed the card, would otherwise take the path that writes a
line, undo the colleague's change and be saved (the key of a save that writes a line:
tests/store/test_submissions.py)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers import card_cases, phase_cases
from bot.customers.form import CustomerForm
from bot.customers.phases import PhaseForm
from bot.customers.submissions import AlreadySubmitted, Submitted
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import NOW, TEAM, Create, edit_card

SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGER = Actor(TEAM, "U_MGR", "zh", SHANGHAI, NOW + timedelta(hours=1))


@pytest.fixture
async def hp(create: Create) -> Customer:
    return await create("惠普中国有限公司", short_name="HP", actor="U_MGR")


async def test_a_plan_edited_alone_then_the_card_moved_on_is_not_moved_back_by_its_copy(
    db: Database, hp: Customer
) -> None:
    plan_only = PhaseForm(to_phase="pre_contract", primary_contact_id="U_MGR", cadence="weekly")
    sent = Submitted("phase_change", "V1")
    await phase_cases.save_phase(
        db, actor=MANAGER, customer_id=hp.id or 0, form=plan_only, submitted=sent
    )
    moved_on = PhaseForm(to_phase="post_contract", primary_contact_id="U_MGR")
    await phase_cases.save_phase(
        db, actor=MANAGER, customer_id=hp.id or 0, form=moved_on, submitted=Submitted("p", "V2")
    )

    with pytest.raises(AlreadySubmitted):
        await phase_cases.save_phase(
            db, actor=MANAGER, customer_id=hp.id or 0, form=plan_only, submitted=sent
        )

    plan = await phase_cases.show_plan(db, actor=MANAGER, text="hp")
    assert plan.customer.phase == "post_contract" and len(plan.changes) == 1


async def test_an_edit_that_changed_nothing_does_not_undo_a_colleagues_by_its_copy(
    db: Database, hp: Customer
) -> None:
    unchanged = CustomerForm(legal_name="惠普中国有限公司", short_name="HP", manager_id="U_MGR")
    sent = Submitted("customer_edit", "V1")
    await card_cases.save_customer(
        db, actor=MANAGER, form=unchanged, region="CN", customer_id=hp.id, submitted=sent
    )
    renamed = CustomerForm(legal_name="惠普中国有限公司", short_name="HPC", manager_id="U_MGR")
    await edit_card(db, hp.id, renamed, actor="U_OTHER")

    with pytest.raises(AlreadySubmitted):
        await card_cases.save_customer(
            db, actor=MANAGER, form=unchanged, region="CN", customer_id=hp.id, submitted=sent
        )

    async with db.transaction() as session:
        assert (await session.get(Customer, hp.id)).handle == "HPC"  # type: ignore[union-attr]
