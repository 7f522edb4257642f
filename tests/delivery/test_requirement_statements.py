"""A requirement list confirmed from its form reads the card's contacts once: to check the
contact it was confirmed for, and to name people on the page it answers with (issue 17)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.customers import contact_cases
from bot.customers.form import ContactForm
from bot.delivery import requirement_cases
from bot.delivery.change_forms import AnswerForm
from bot.delivery.requirements import read_requirement_form
from bot.store.db import Database
from bot.store.sales_models import Project
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
    assert not any("max(requirement.number)" in s for s in first + later)
    alone = ("SELECT requirement.", "SELECT project.")
    assert [s for s in first + later if s.startswith(alone)] == [], "read with the card, the list"
    # the card with its active project; the list with its requirements; the requirement; the
    # card's contacts for the page (issue 17: 7, then 6)
    assert len(later) == 4, "\n".join(later)


async def test_a_requirement_goes_on_the_active_projects_list_numbered_from_that_list_alone(
    db: Database, create: Create
) -> None:
    """The card's own list (before any project), a closed project's, another card's: none of
    theirs counts; the active project's list is the one added to and shown."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    lenovo = await create("联想集团有限公司", short_name="Lenovo", actor="U_MGR")
    for card in (lenovo, hp, hp):  # the card's own list, its second requirement's number 2
        await requirement_cases.add_requirement_form(
            db, actor=MGR, customer_id=card.id or 0, draft=read_requirement_form("旧", "must", "")
        )
    async with db.transaction(write=True) as session:
        closed, active = (
            Project(
                team_id=TEAM,
                customer_id=hp.id or 0,
                name=name,
                status=status,
                manager_id="U_PM",
                starts_on=date(2026, month, 1),
                ends_on=date(2027, 6, 1),
                created_by="U_MGR",
            )
            for name, status, month in (("一期", "closed", 9), ("二期", "active", 6))
        )
        session.add_all([closed, active])
    for title in ("月报", "周报"):
        shown = await requirement_cases.add_requirement_form(
            db, actor=MGR, customer_id=hp.id or 0, draft=read_requirement_form(title, "must", "")
        )
    listed = await requirement_cases.show_requirements(db, actor=MGR, customer_id=hp.id or 0)

    assert isinstance(shown, requirement_cases.RequirementsShown)
    assert shown.project is not None and shown.project.name == "二期"
    assert [(r.number, r.title) for r in shown.requirements] == [(1, "月报"), (2, "周报")]
    assert listed.project == shown.project and listed.requirements == shown.requirements
