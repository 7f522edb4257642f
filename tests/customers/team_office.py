"""A small office for the manager's views, built through the same use cases and rows the app
writes. NOW is Sunday 2026-11-22 09:00 UTC.

Director (U_DIR) ← Lead (U_LEAD) ← Li (U_LI) and Wang (U_WANG); Out (U_OUT) is in no team.

card   manager  status/level  phase           tier  last contact  also
LI1    Li       potential 3   implementation  A     20 days ago   1 overdue follow-up (Li), weekly
                                                                  meetings missed, a decision maker
LI2    Li       success 5     lcm             B     10 days ago   1 slipping milestone, weekly
                                                    (a meeting)   meetings kept, the DM left
WANG1  Wang     basic 1       pre-contract    –     never         3 overdue follow-ups (Wang)
LEAD1  Lead     invalid 1     close-out       C     100 days ago
SEC2   Wang     potential 1   pre-contract    –     never         security level 2
OUT1   Out      potential 2   pre-contract    –     never

Health by the formula (bot/customers/health.py):
LI1: quiet 20 ≥ 2×7 → 35, cadence 15, overdue 1 → 5: 55 × 120% = 66 → 34.
LI2: no active decision maker 15, slipping 1 → 10: 25 × 100% → 75.
WANG1: no decision maker 15, value not assessed 5, overdue 3 → 15: 35 → 65.
LEAD1: invalid is never stale; no decision maker 15 × 80% = 12 → 88.
SEC2: no decision maker 15, not assessed 5 → 80.  OUT1: the same → 80.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.customers import governance_cases
from bot.customers.admin_commands import TeamChange
from bot.store.db import Database
from bot.store.models import (
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhasePlan,
)
from tests.conftest import NOW, TEAM, Create
from tests.records import decision_maker_on

DAY = timedelta(days=1)


def actor(
    user: str,
    *,
    is_admin: bool = False,
    channels: frozenset[str] = frozenset(),
    now: datetime = NOW,
) -> Actor:
    return Actor(
        team_id=TEAM,
        user_id=user,
        lang="en",
        tz=ZoneInfo("Asia/Shanghai"),
        now=now,
        is_admin=is_admin,
        channels=channels,
    )


ADMIN = actor("U_ADMIN", is_admin=True)


async def build_office(db: Database, create: Create) -> dict[str, Customer]:
    for change in (
        TeamChange("supervisor", user_id="U_LI", supervisor_id="U_LEAD"),
        TeamChange("supervisor", user_id="U_WANG", supervisor_id="U_LEAD"),
        TeamChange("supervisor", user_id="U_LEAD", supervisor_id="U_DIR"),
    ):
        await governance_cases.apply_team_change(db, actor=ADMIN, change=change)
    cards = {
        "LI1": await create(
            "一号科技有限公司", actor="U_LI", short_name="LI1", status="potential", level="3"
        ),
        "LI2": await create(
            "二号科技有限公司", actor="U_LI", short_name="LI2", status="success", level="5"
        ),
        "WANG1": await create(
            "三号科技有限公司", actor="U_WANG", short_name="WANG1", status="basic", level="1"
        ),
        "LEAD1": await create(
            "四号科技有限公司", actor="U_LEAD", short_name="LEAD1", status="invalid", level="1"
        ),
        "SEC2": await create(
            "五号科技有限公司",
            actor="U_WANG",
            short_name="SEC2",
            status="potential",
            level="1",
            security_level="2",
        ),
        "OUT1": await create(
            "六号科技有限公司", actor="U_OUT", short_name="OUT1", status="potential", level="2"
        ),
    }
    ids = {k: c.id or 0 for k, c in cards.items()}
    async with db.transaction(write=True) as session:
        for key, phase, tier, last in (
            ("LI1", "implementation", "A", NOW - 20 * DAY),
            ("LI2", "lcm", "B", datetime(2026, 11, 12, 10, tzinfo=NOW.tzinfo)),
            ("LEAD1", "close_out", "C", NOW - 100 * DAY),
        ):
            customer = await session.get(Customer, ids[key])
            assert customer is not None
            customer.phase, customer.value_tier, customer.last_contact_at = phase, tier, last
            customer.value_score = {"A": 17, "B": 12, "C": 6}[tier]
            session.add(customer)
        long_ago = datetime(2026, 10, 1, tzinfo=NOW.tzinfo)
        for key, phase in (("LI1", "implementation"), ("LI2", "lcm")):
            session.add(
                PhasePlan(
                    team_id=TEAM,
                    customer_id=ids[key],
                    phase=phase,
                    cadence="weekly",
                    updated_at=long_ago,
                )
            )
        for key, kind, at in (
            ("LI1", "call", NOW - 20 * DAY),
            ("LI2", "meeting", datetime(2026, 11, 12, 10, tzinfo=NOW.tzinfo)),
        ):
            session.add(
                ContactRecord(
                    team_id=TEAM,
                    customer_id=ids[key],
                    author_id="U_LI",
                    kind=kind,
                    summary=f"{kind} with {key}",
                    created_at=at,
                )
            )
        await session.flush()
        record = ContactRecord(
            team_id=TEAM,
            customer_id=ids["LI1"],
            author_id="U_LI",
            summary="older",
            created_at=NOW - 60 * DAY,
        )
        session.add(record)
        await session.flush()
        for key, owner, count in (("LI1", "U_LI", 1), ("WANG1", "U_WANG", 3)):
            for n in range(count):
                session.add(
                    FollowUp(
                        team_id=TEAM,
                        customer_id=ids[key],
                        record_id=record.id or 0,
                        owner_id=owner,
                        title=f"step {n}",
                        due_at=NOW - 2 * DAY,
                    )
                )
        session.add(  # due next week: not overdue
            FollowUp(
                team_id=TEAM,
                customer_id=ids["LI1"],
                record_id=record.id or 0,
                owner_id="U_LI",
                title="later",
                due_at=NOW + 7 * DAY,
            )
        )
        session.add(
            Milestone(
                team_id=TEAM,
                customer_id=ids["LI2"],
                title="上线",
                due_at=NOW - DAY,
                created_by="U_LI",
            )
        )
        for key, left in (("LI1", None), ("LI2", NOW - 5 * DAY)):
            await decision_maker_on(session, ids[key], f"张总{key}", left_at=left)
    return cards
