"""The card says what is past due as of the moment it was read for — follow-ups, the next
close of its deals, the money still to receive, a project's next milestone — in the reader's
zone and language; what is still ahead reads as before."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.console.render import render_blocks
from bot.customers.cards import CustomerCard
from bot.i18n import Lang
from bot.store.models import FollowUp, Milestone
from bot.store.sales_models import Project
from bot.store.sales_summary import ProjectLine, SalesSummary
from bot.views.customer_card import build_customer_card
from tests.views.test_plan_and_card import HP  # updated on 30 Nov

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Sunday 20 Dec 2026, 01:00 in Shanghai (17:00 UTC on the 19th)
AS_OF = datetime(2026, 12, 19, 17, 0, tzinfo=UTC)


def follow_up(title: str, due: datetime) -> FollowUp:
    return FollowUp(
        team_id="T1",
        customer_id=1,
        record_id=1,
        owner_id="U_WANG",
        title=title,
        due_at=due,
        tz="Asia/Shanghai",
    )


def sales(day_of: date) -> SalesSummary:
    """A deal closing, money due and a project's next milestone, all on `day_of`."""
    milestone = Milestone(
        team_id="T1",
        customer_id=1,
        title="上线验收",
        due_at=datetime.combine(day_of, datetime.min.time(), SHANGHAI).replace(hour=10),
        tz="Asia/Shanghai",
        created_by="U_WANG",
    )
    project = Project(
        id=1, team_id="T1", customer_id=1, name="ERP实施", manager_id="U_PM", created_by="U_WANG"
    )
    return SalesSummary(
        deals_open=1,
        deals_total=1,
        open_amounts={"CNY": 120_000_000},
        next_close=day_of,
        contracts_signed=1,
        contracts_total=1,
        signed_amounts={"CNY": 120_000_000},
        receivable_due={"CNY": 36_000_000},
        next_receivable=day_of,
        projects=[ProjectLine(project, milestone)],
        projects_active=1,
        projects_total=1,
    )


def shown(card: CustomerCard, lang: Lang) -> str:
    return render_blocks(build_customer_card(card, lang, tz=SHANGHAI).blocks)


@pytest.mark.parametrize(
    ("lang", "overdue", "passed", "since", "late"),
    [
        ("en", "overdue", "close date passed", "overdue since", "late:"),
        ("zh", "已逾期", "预计成交日已过", "起已逾期", "已延误"),
    ],
)
def test_what_is_past_due_is_said_so(
    lang: Lang, overdue: str, passed: str, since: str, late: str
) -> None:
    card = CustomerCard(
        HP,
        [],
        follow_ups=[
            follow_up("send the quote", AS_OF - timedelta(hours=1)),
            follow_up("book the visit", AS_OF + timedelta(hours=1)),
        ],
        follow_ups_total=2,
        sales=sales(date(2026, 12, 19)),  # the day before the reader's Sunday
        as_of=AS_OF,
    )

    text = shown(card, lang)

    quote, visit = (
        line for line in text.splitlines() if "send the quote" in line or "book" in line
    )
    assert overdue in quote and overdue not in visit
    assert passed in text and since in text and late in text


def test_what_is_ahead_or_read_without_a_moment_reads_as_before() -> None:
    ahead = CustomerCard(HP, [], sales=sales(date(2026, 12, 20)), as_of=AS_OF)  # today
    undated = CustomerCard(
        HP,
        [],
        follow_ups=[follow_up("send the quote", AS_OF - timedelta(days=3))],
        sales=sales(date(2026, 12, 1)),
    )

    for text in (shown(ahead, "en"), shown(undated, "en")):
        assert "overdue" not in text and "passed" not in text and "late:" not in text
        assert "next close" in text and "next: 上线验收" in text


def test_a_milestone_is_late_once_its_moment_has_passed_whatever_the_zones() -> None:
    """Due 17:00 in New York on Monday 23 Nov, read at 01:00 on Tuesday in Shanghai: five
    hours ahead still, though Shanghai's Tuesday is past New York's Monday."""
    due = datetime(2026, 11, 23, 17, 0, tzinfo=ZoneInfo("America/New_York"))
    milestone = Milestone(
        team_id="T1",
        customer_id=1,
        title="Go-live",
        due_at=due,
        tz="America/New_York",
        created_by="U_WANG",
    )
    project = Project(
        id=1, team_id="T1", customer_id=1, name="ERP", manager_id="U_PM", created_by="U_WANG"
    )
    sales = SalesSummary(projects=[ProjectLine(project, milestone)], projects_total=1)

    before = CustomerCard(HP, [], sales=sales, as_of=due - timedelta(hours=5))
    after = CustomerCard(HP, [], sales=sales, as_of=due + timedelta(minutes=1))

    assert "late:" not in shown(before, "en") and "next: Go-live" in shown(before, "en")
    assert "late: Go-live" in shown(after, "en")


def test_the_cards_open_milestones_past_their_moment_are_marked() -> None:
    def milestone(title: str, due: datetime) -> Milestone:
        return Milestone(
            id=hash(title) % 1000,
            team_id="T1",
            customer_id=1,
            title=title,
            due_at=due,
            tz="Asia/Shanghai",
            created_by="U_WANG",
        )

    card = CustomerCard(
        HP,
        [],
        milestones=[
            milestone("需求调研", AS_OF - timedelta(days=9)),
            milestone("上线验收", AS_OF + timedelta(days=9)),
        ],
        milestones_total=2,
        as_of=AS_OF,
    )

    slipping, ahead = (
        line for line in shown(card, "en").splitlines() if "需求" in line or "上线" in line
    )
    assert "overdue" in slipping and "overdue" not in ahead
