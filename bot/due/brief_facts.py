"""What a weekly brief and a manager's digest say, as of the moment they are delivered.

Lists are kept to their first few items with their total, so that a message can say how
many more there are; past milestones are listed apart from the coming ones. A customer shown
in a channel shared with another organization gets `shared_view`: what the customer may read.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.health_facts import card_states
from bot.customers.service import breached
from bot.customers.team_view import card_item
from bot.store.briefs import (
    customers_by_id,
    live_cards_of_manager,
    open_changes_of,
    open_follow_ups_before,
    open_milestones_before,
    overdue_follow_up_ids,
    phase_changes_since,
    plans_of_customers,
    record_authors_since,
    records_since,
)
from bot.store.card_scope import ids_scope
from bot.store.models import Customer
from bot.store.projects import projects_of_customers
from bot.store.services import services_of_customers_since
from bot.store.settings import change_waits
from bot.store.surveys import open_feedback_of_customers

Fact = dict[str, Any]  # JSON kept in the ledger's payload
WEEK = timedelta(days=7)
MILESTONE_HORIZON = timedelta(days=14)
HIGHLIGHTS = 3  # contact records quoted per customer
LISTED = 5  # follow-ups, milestones, phase changes listed per customer
PEOPLE = 10  # people named in a digest
LISTS = (
    "due",
    "overdue",
    "milestones",
    "milestones_overdue",
    "phase_changes",
    "changes",
    "feedback",
)


async def customer_facts(session: AsyncSession, ids: list[int], now: datetime) -> dict[int, Fact]:
    """Each customer's week as of `now`; `news` says whether there is anything to tell."""
    week_ago = now - WEEK
    facts: dict[int, Fact] = {}
    for customer in await customers_by_id(session=session, ids=ids):
        assert customer.id is not None
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
            "projects": [],
        }
    projects = await projects_of_customers(session=session, ids=ids)
    names = {p.id: p.name for p in projects}
    for project in projects:  # a customer may have several: briefs say which is which
        facts[project.customer_id]["projects"].append(
            {
                "name": project.name,
                "manager": project.manager_id,
                "phase": project.phase,
                "channel": project.channel_id,
                "new": project.created_at >= week_ago,
            }
        )
    for plan in await plans_of_customers(session=session, ids=ids):
        if plan.phase == facts[plan.customer_id]["phase"] and plan.primary_contact_id:
            facts[plan.customer_id]["primary"] = plan.primary_contact_id
    for record in await records_since(session=session, ids=ids, since=week_ago):
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
    for follow_up in await open_follow_ups_before(session=session, ids=ids, before=now + WEEK):
        _list(
            facts[follow_up.customer_id],
            "overdue" if follow_up.due_at < now else "due",
            {
                "title": follow_up.title[:200],
                "owner": follow_up.owner_id,
                "due_at": follow_up.due_at.isoformat(),
            },
        )
    soon = now + MILESTONE_HORIZON
    for milestone in await open_milestones_before(session=session, ids=ids, before=soon):
        _list(
            facts[milestone.customer_id],
            "milestones_overdue" if milestone.due_at < now else "milestones",
            {
                "title": milestone.title[:200],
                "due_at": milestone.due_at.isoformat(),
                "project": names.get(milestone.project_id, "") if milestone.project_id else "",
            },
        )
    for change in await phase_changes_since(session=session, ids=ids, since=week_ago):
        _list(
            facts[change.customer_id],
            "phase_changes",
            {"from": change.from_phase, "to": change.to_phase},
        )
    waits = await change_waits(session)  # late: past its workspace's wait (reminded too)
    for change_request in await open_changes_of(session=session, ids=ids):
        wait = timedelta(days=waits.days(change_request.team_id))
        _list(  # internal: shared_view leaves every list of LISTS out
            facts[change_request.customer_id],
            "changes",
            {
                "number": change_request.number,
                "summary": change_request.summary[:200],
                "state": change_request.state,
                "owner": change_request.owner_id,
                "since": change_request.state_changed_at.isoformat(),
                "new": change_request.created_at >= week_ago,
                "overdue": change_request.state_changed_at < now - wait,
            },
        )
    for item in await open_feedback_of_customers(session=session, ids=ids):
        _list(  # internal: shared_view leaves every list of LISTS out
            facts[item.customer_id],
            "feedback",
            {
                "questions": item.questions,
                "score": item.score,
                "owner": item.owner_id,
                "due_at": item.due_at.isoformat(),
                "late": item.due_at < now,
            },
        )
    for state in await card_states(session=session, scope=ids_scope(ids), now=now):
        facts[state.customer_id]["health"] = card_item(state)  # internal: not where shared
    for fact in facts.values():
        fact["news"] = bool(
            fact["records"]
            or any(fact[f"{key}_total"] for key in LISTS)
            or any(p["new"] for p in fact["projects"])
        )
    return facts


def _list(fact: Fact, key: str, item: Fact) -> None:
    fact[f"{key}_total"] += 1
    if len(fact[key]) < LISTED:
        fact[key].append(item)


def shared_view(fact: Fact) -> Fact:
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
        "projects": fact.get("projects", []),
        "shared": True,
    }


async def digest(session: AsyncSession, team_id: str, manager: str, now: datetime) -> Fact | None:
    """The manager's customers this week: who logged how much, by status and phase."""
    customers = await live_cards_of_manager(session=session, team_id=team_id, manager_id=manager)
    if not customers:
        return None
    ids = [c.id for c in customers if c.id is not None]
    authors = Counter(await record_authors_since(session=session, ids=ids, since=now - WEEK))
    overdue = await overdue_follow_up_ids(session=session, ids=ids, now=now)
    missed = await missed_service_targets(session, customers, now)
    if not authors and not overdue and not missed:
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
        "missed_targets": missed[:LISTED],
        "missed_targets_total": len(missed),
    }


async def missed_service_targets(
    session: AsyncSession, customers: list[Customer], now: datetime
) -> list[Fact]:
    """This week's requests and complaints that missed their response or resolution target
    (answered late, or still unanswered past it), by customer: named in the digest."""
    names = {c.id: (c.legal_name, c.handle) for c in customers}
    ids = [i for i in names if i is not None]
    found = []
    for service in await services_of_customers_since(session=session, ids=ids, since=now - WEEK):
        missed = breached(service, now)
        if missed:
            name, handle = names[service.customer_id]
            found.append(
                {
                    "customer": name,
                    "handle": handle,
                    "kind": service.kind,
                    "owner": service.owner_id,
                    "missed": missed,
                    "open": service.resolved_at is None,
                }
            )
    return found
