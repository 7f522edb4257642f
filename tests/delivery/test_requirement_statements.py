"""A requirement list confirmed from its form reads the card's contacts once: to check the
contact it was confirmed for, and to name people on the page it answers with (issue 17)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.customers import contact_cases
from bot.customers.form import ContactForm
from bot.delivery import requirement_cases
from bot.delivery.change_forms import AnswerForm
from bot.delivery.requirements import read_requirement_form
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


async def test_a_list_confirmed_for_a_contact_reads_the_cards_contacts_once(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    card = await contact_cases.save_contact(
        db, actor=MGR, customer_id=hp.id or 0, form=ContactForm(name="张伟"), region="CN"
    )
    zhang = card.contacts[0].id or 0
    shown = await requirement_cases.add_requirement_form(
        db,
        actor=MGR,
        customer_id=hp.id or 0,
        draft=read_requirement_form("月度报表", "must", "每月5日前出上月报表"),
    )
    assert isinstance(shown, requirement_cases.RequirementsShown) and shown.listed is not None

    with statements_sent(db) as sent:
        confirmed = await requirement_cases.record_confirmation(
            db, actor=MGR, list_id=shown.listed.id or 0, form=AnswerForm(str(zhang), "张总确认")
        )

    assert confirmed.listed is not None and confirmed.listed.confirmed_for_contact_id == zhang
    assert confirmed.contacts == {zhang: "张伟"}
    assert len(reading(sent, "contact")) == 1, "\n".join(sent)
    assert len(sent) <= 4, "\n".join(sent)


async def test_a_requirement_added_is_numbered_from_the_list_its_page_shows(
    db: Database, create: Create
) -> None:
    """The list's requirements are read once, for the next number and for the page; a list
    made with its first requirement has none to read (issue 17: the largest number, then the
    list again after the save)."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    with statements_sent(db) as first:
        made = await requirement_cases.add_requirement_form(
            db, actor=MGR, customer_id=hp.id or 0, draft=read_requirement_form("月报", "must", "")
        )
    for title in ("周报", "日报"):
        with statements_sent(db) as later:
            shown = await requirement_cases.add_requirement_form(
                db,
                actor=MGR,
                customer_id=hp.id or 0,
                draft=read_requirement_form(title, "must", ""),
            )
    again = await requirement_cases.show_requirements(db, actor=MGR, customer_id=hp.id or 0)

    assert isinstance(made, requirement_cases.RequirementsShown)
    assert isinstance(shown, requirement_cases.RequirementsShown)
    assert [(r.number, r.title) for r in made.requirements] == [(1, "月报")]
    assert [(r.number, r.title) for r in shown.requirements] == [
        (1, "月报"),
        (2, "周报"),
        (3, "日报"),
    ]
    assert [(r.id, r.number) for r in shown.requirements] == [
        (r.id, r.number) for r in again.requirements
    ]
    assert reading(first, "requirement") == [], "\n".join(first)
    assert len(reading(later, "requirement")) == 1, "\n".join(later)
    assert not any("max(requirement.number)" in s for s in first + later)
