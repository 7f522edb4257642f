"""What a team owes its customers after the contract (bot/store/delivery_totals.py), summed
in SQL per account manager and security level: the supervisors' roll-ups add up the groups
each may see instead of reading every card's facts (a workspace with 100,000 maintenance
plans has as many cards with a budget). One statement joins every kind of fact to the
workspace's live kept rows once."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, func, literal, union_all
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.delivery_totals import budgets_query, changes_query, late_services_query
from bot.store.team_models import CardHealth
from bot.store.team_reads import Group
from bot.store.types import core_rows, table_of


@dataclass(frozen=True)
class GroupBudget:
    plans: int = 0  # cards with a plan in the period
    planned: dict[str, int] = field(default_factory=dict)  # currency → minor units
    spent: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupFacts:
    changes: dict[Group, tuple[int, int]]  # (still moving, waiting too long)
    late: dict[Group, tuple[int, int]]  # (requests past a target, cards with any)
    budgets: dict[date, dict[Group, GroupBudget]]  # day whose period counts → group → budget


def _facts(kind: str, card: Any, currency: Any, first: Any, second: Any) -> Select[Any]:
    return Select(
        card.label("card"),
        literal(kind).label("kind"),
        cast(currency, String).label("currency"),
        first.label("first"),
        second.label("second"),
    )


async def facts_by_group(
    *,
    session: AsyncSession,
    team_id: str,
    waiting_before: datetime,
    now: datetime,
    days: Collection[date],
) -> GroupFacts:
    """Change requests, late requests and the budgets of the periods holding each of
    `days`, per (manager, level) of the workspace's live cards."""
    changes = changes_query(team_id=team_id, waiting_before=waiting_before).subquery()
    late = late_services_query(team_id=team_id, now=now).subquery()
    parts = [
        _facts("changes", changes.c[0], literal(""), changes.c[1], changes.c[2]),
        _facts("late", late.c[0], literal(""), late.c[1], literal(1)),
    ]
    wanted = sorted(set(days))
    for n, day in enumerate(wanted):
        # read twice (the sums, the cards with a plan): one common table expression, which
        # PostgreSQL computes once, where a subquery was aggregated twice (0.5 s at a
        # million cards)
        budgets = budgets_query(team_id=team_id, day=day).cte(f"budgets_{n}")
        parts.append(_facts(f"b{n}", budgets.c[0], budgets.c[1], budgets.c[2], budgets.c[3]))
        plans = Select(budgets.c[0]).distinct().subquery()
        parts.append(_facts(f"p{n}", plans.c[0], literal(""), literal(1), literal(0)))
    facts = union_all(*parts).subquery()
    kept = table_of(CardHealth)
    query: Select[*tuple[Any, ...]] = (
        Select(
            kept.c.manager_id,
            kept.c.security_level,
            facts.c.kind,
            facts.c.currency,
            func.sum(facts.c.first),
            func.sum(facts.c.second),
        )
        .join_from(facts, kept, kept.c.customer_id == facts.c.card)
        .where(kept.c.team_id == team_id, kept.c.archived_at.is_(None))
        .group_by(kept.c.manager_id, kept.c.security_level, facts.c.kind, facts.c.currency)
    )
    found = GroupFacts({}, {}, {day: {} for day in wanted})
    for manager, level, kind, currency, first, second in await core_rows(session, query):
        group, first, second = (manager, level), int(first or 0), int(second or 0)
        if kind == "changes":
            found.changes[group] = (first, second)
        elif kind == "late":
            found.late[group] = (first, second)
        else:
            budget = found.budgets[wanted[int(kind[1:])]].setdefault(group, GroupBudget())
            if kind[0] == "p":
                found.budgets[wanted[int(kind[1:])]][group] = GroupBudget(
                    first, budget.planned, budget.spent
                )
            else:
                if first:
                    budget.planned[currency] = first
                if second:
                    budget.spent[currency] = second
    return found
