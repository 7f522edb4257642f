"""What a weekly brief and a manager's digest say, read in batches: a handful of grouped
queries across all channels of a sweep, not one per customer.

Lists are kept to their first few items with their total, so that a message can say how
many more there are; past milestones are listed apart from the coming ones. A customer shown
in a channel shared with another organization gets `shared_view`: what the customer may read.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import (
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhaseChange,
    PhasePlan,
)

WEEK = timedelta(days=7)
MILESTONE_HORIZON = timedelta(days=14)
CHUNK = 500
HIGHLIGHTS = 3  # contact records quoted per customer
LISTED = 5  # follow-ups, milestones, phase changes listed per customer
PEOPLE = 10  # people named in a digest
LISTS = ("due", "overdue", "milestones", "milestones_overdue", "phase_changes")


async def customer_facts(
    session: AsyncSession, ids: list[int], now: datetime
) -> dict[int, dict[str, Any]]:
    """Each customer's week as of `now`; `news` says whether there is anything to tell."""
    week_ago = now - WEEK
    facts: dict[int, dict[str, Any]] = {}
    for customer in await chunked(session, select(Customer), col(Customer.id), ids):
        facts[customer.id] = {
            "name": customer.legal_name,
            "handle": customer.handle,
            "phase": customer.phase,
            "tier": customer.value_tier,
            "primary": customer.manager_id,
            "records": 0,
            "highlights": [],
            **{key: [] for key in LISTS},
            **{f"{key}_total": 0 for key in LISTS},
            "news": False,
        }
    for plan in await chunked(session, select(PhasePlan), col(PhasePlan.customer_id), ids):
        if plan.phase == facts[plan.customer_id]["phase"] and plan.primary_contact_id:
            facts[plan.customer_id]["primary"] = plan.primary_contact_id
    recent = (
        select(ContactRecord)
        .where(
            col(ContactRecord.created_at) >= week_ago,
            col(ContactRecord.superseded).is_(False),
            col(ContactRecord.retracted_at).is_(None),
        )
        .order_by(col(ContactRecord.id).desc())
    )
    for record in await chunked(session, recent, col(ContactRecord.customer_id), ids):
        fact = facts[record.customer_id]
        fact["records"] += 1
        if len(fact["highlights"]) < HIGHLIGHTS:
            fact["highlights"].append(
                {
                    "kind": record.kind,
                    "summary": record.summary[:200],
                    "next": record.next_step[:200],
                }
            )
    open_follow_ups = (
        select(FollowUp)
        .where(FollowUp.status == "open", col(FollowUp.due_at) < now + WEEK)
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
    )
    for follow_up in await chunked(session, open_follow_ups, col(FollowUp.customer_id), ids):
        _list(
            facts[follow_up.customer_id],
            "overdue" if follow_up.due_at < now else "due",
            {
                "title": follow_up.title[:200],
                "owner": follow_up.owner_id,
                "due_at": follow_up.due_at.isoformat(),
            },
        )
    soon = (
        select(Milestone)
        .where(Milestone.status == "open", col(Milestone.due_at) < now + MILESTONE_HORIZON)
        .order_by(col(Milestone.due_at), col(Milestone.id))
    )
    for milestone in await chunked(session, soon, col(Milestone.customer_id), ids):
        _list(
            facts[milestone.customer_id],
            "milestones_overdue" if milestone.due_at < now else "milestones",
            {"title": milestone.title[:200], "due_at": milestone.due_at.isoformat()},
        )
    changes = (
        select(PhaseChange).where(col(PhaseChange.at) >= week_ago).order_by(col(PhaseChange.id))
    )
    for change in await chunked(session, changes, col(PhaseChange.customer_id), ids):
        _list(
            facts[change.customer_id],
            "phase_changes",
            {"from": change.from_phase, "to": change.to_phase},
        )
    for fact in facts.values():
        fact["news"] = bool(fact["records"] or any(fact[f"{key}_total"] for key in LISTS))
    return facts


def _list(fact: dict[str, Any], key: str, item: dict[str, Any]) -> None:
    fact[f"{key}_total"] += 1
    if len(fact[key]) < LISTED:
        fact[key].append(item)


def shared_view(fact: dict[str, Any]) -> dict[str, Any]:
    """What may be posted where the customer reads along: the phase, its primary contact,
    milestones and counts. No contact record texts, follow-up titles, overdue lists or the
    internal value tier."""
    return {
        "name": fact["name"],
        "handle": fact["handle"],
        "phase": fact["phase"],
        "primary": fact["primary"],
        "tier": "",
        "records": fact["records"],
        "highlights": [],
        **{key: [] for key in LISTS},
        **{f"{key}_total": 0 for key in LISTS},
        "due_total": fact["due_total"],
        **{key: fact[key] for key in ("milestones", "milestones_overdue", "phase_changes")},
        **{
            f"{key}_total": fact[f"{key}_total"]
            for key in ("milestones", "milestones_overdue", "phase_changes")
        },
        "news": fact["news"],
        "shared": True,
    }


async def digest(
    session: AsyncSession, team_id: str, manager: str, now: datetime
) -> dict[str, Any] | None:
    """The manager's customers this week: who logged how much, by status and phase."""
    customers = (
        await session.exec(
            select(Customer).where(
                Customer.team_id == team_id,
                Customer.manager_id == manager,
                col(Customer.archived_at).is_(None),
            )
        )
    ).all()
    if not customers:
        return None
    ids = [c.id for c in customers]
    recent = select(ContactRecord.author_id).where(
        col(ContactRecord.created_at) >= now - WEEK,
        col(ContactRecord.retracted_at).is_(None),
        col(ContactRecord.superseded).is_(False),
    )
    authors = Counter(await chunked(session, recent, col(ContactRecord.customer_id), ids))
    overdue = await chunked(
        session,
        select(FollowUp.id).where(FollowUp.status == "open", col(FollowUp.due_at) < now),
        col(FollowUp.customer_id),
        ids,
    )
    if not authors and not overdue:
        return None
    ranked = authors.most_common()
    return {
        "records": sum(authors.values()),
        "by_person": ranked[:PEOPLE],
        "more_people": len(ranked[PEOPLE:]),
        "more_records": sum(count for _, count in ranked[PEOPLE:]),
        "by_status": Counter(c.status for c in customers).most_common(),
        "by_phase": Counter(c.phase for c in customers).most_common(),
        "overdue": len(overdue),
    }


async def chunked(session: AsyncSession, query: Any, column: Any, values: list[Any]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(values), CHUNK):
        found += list(
            (await session.exec(query.where(column.in_(values[start : start + CHUNK])))).all()
        )
    return found
