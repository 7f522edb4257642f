"""The delivery rows the manager's views read since issue 21 (the roll-up's *After the
contract*), added to the manager benchmark's cards: per 100,000 cards, 7,500 change requests
on 5,000 cards (half still moving), 1,000 answered surveys each with a feedback item (half
open, some past due), 2,000 requests and complaints (half open), and 10,000 quarter plans
with three activities each (budgets, some done with what they cost, some cancelled)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta

CHANGE_STATES = ("requested", "evaluated", "confirmed", "implemented", "verified", "rejected")
ACTIVITY_KINDS = ("executive", "visit", "tender", "event", "training", "holiday")


def add_delivery_rows(
    db: sqlite3.Connection,
    rng: random.Random,
    *,
    ids: list[int],
    team_id: str,
    now: datetime,
    rep: Callable[[int], str],
    reps: int,
    ts: Callable[[datetime], str],
) -> None:
    """In the caller's transaction."""
    owner = lambda: rep(rng.randrange(reps))  # noqa: E731 — one random account manager
    ago = lambda days: ts(now - timedelta(minutes=rng.randrange(days * 24 * 60)))  # noqa: E731
    changed = rng.sample(ids, len(ids) // 20)
    db.executemany(
        "INSERT INTO change_request (team_id, customer_id, number, summary, reason, content, "
        "requested_by_user, affected_milestones, owner_id, state, currency, resources, risk, "
        "recommendation, created_by, created_at, state_changed_at, proposed) VALUES "
        "(?, ?, ?, 'bench', '', '', '', '[]', ?, ?, 'CNY', '', '', '', ?, ?, ?, '{}')",
        [
            (team_id, cid, number, who, rng.choice(CHANGE_STATES), who, ago(60), ago(20))
            for cid in changed
            for number in range(1, 1 + (1 if rng.random() < 0.5 else 2))
            for who in [owner()]
        ],
    )
    surveyed = rng.sample(ids, len(ids) // 100)
    first = db.execute("SELECT coalesce(max(id), 0) FROM survey").fetchone()[0] + 1
    db.executemany(
        "INSERT INTO survey (id, team_id, customer_id, asked_of, state, created_at, "
        "sent_to_channel, overall, comment, answered_by_user, answered_by_team, recorded_by, "
        "answered_at) VALUES (?, ?, ?, ?, 'answered', ?, '', 2, '', '', '', '', ?)",
        [(first + n, team_id, cid, owner(), ago(30), ago(30)) for n, cid in enumerate(surveyed)],
    )
    db.executemany(
        "INSERT INTO feedback_item (team_id, customer_id, survey_id, questions, score, owner_id, "
        "due_at, state, created_at, resolution, reported_back, closed_by) VALUES "
        "(?, ?, ?, 'overall', 2, ?, ?, ?, ?, '', '', '')",
        [
            (team_id, cid, first + n, owner(),
             ts(now + timedelta(days=rng.randrange(-14, 14))),
             "open" if n % 2 else "closed", ago(30))
            for n, cid in enumerate(surveyed)
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO service_request (team_id, customer_id, record_id, kind, tier, owner_id, "
        "respond_by, resolve_by, first_response_by, resolved_at, resolved_by, resolution, "
        "created_at) VALUES (?, ?, 1, ?, 'C', ?, ?, ?, '', ?, '', '', ?)",
        [
            (team_id, cid, rng.choice(("request", "complaint")), owner(),
             ts(now + timedelta(hours=rng.randrange(-96, 24))),
             ts(now + timedelta(days=rng.randrange(-3, 5))),
             ago(7) if rng.random() < 0.5 else None, ago(14))
            for cid in rng.sample(ids, len(ids) // 50)
        ],
    )  # fmt: skip
    quarter = now.date().replace(month=3 * ((now.month - 1) // 3) + 1, day=1)
    last = (quarter + timedelta(days=92)).replace(day=1) - timedelta(days=1)
    planned = rng.sample(ids, len(ids) // 10)
    first = db.execute("SELECT coalesce(max(id), 0) FROM maintenance_plan").fetchone()[0] + 1
    db.executemany(
        "INSERT INTO maintenance_plan (id, team_id, customer_id, period_start, period_end, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (first + n, team_id, cid, quarter.isoformat(), last.isoformat(), owner(), ago(60))
            for n, cid in enumerate(planned)
        ],
    )
    db.executemany(
        "INSERT INTO plan_activity (plan_id, kind, goal, owner_id, day, budget_minor, currency, "
        "state, spent_minor, outcome_note, created_by, created_at, closed_by) VALUES "
        "(?, ?, 'bench', ?, ?, ?, 'CNY', ?, ?, '', ?, ?, '')",
        [
            (first + n, rng.choice(ACTIVITY_KINDS), who,
             (quarter + timedelta(days=rng.randrange(90))).isoformat(),
             rng.randrange(1, 50) * 100_000, state,
             rng.randrange(1, 50) * 100_000 if state == "done" else None, who, ago(60))
            for n in range(len(planned))
            for _ in range(3)
            for who in [owner()]
            for state in [rng.choice(("planned", "done", "cancelled"))]
        ],
    )  # fmt: skip
