"""Relationship health: the formula's expected scores for typical customers (the README
states the same formula)."""

from __future__ import annotations

import pytest

from bot.customers.health import HealthFacts, dropped, health_of, light_of

TYPICAL = [
    # (who, facts, score, light)
    (
        "a core customer in touch, decision maker known",
        HealthFacts(days_quiet=2, stale_days=7, tier="A", decision_maker="active"),
        100,
        "green",
    ),
    (
        "a new card: nothing known yet",
        HealthFacts(days_quiet=0, stale_days=14),
        80,  # no decision maker 15, value not assessed 5
        "green",
    ),
    (
        "quiet past its phase's threshold",
        HealthFacts(days_quiet=9, stale_days=7, tier="B", decision_maker="active"),
        80,  # quiet 20
        "green",
    ),
    (
        "quiet more than twice the threshold, cadence missed",
        HealthFacts(
            days_quiet=15, stale_days=7, tier="B", cadence_missed=True, decision_maker="active"
        ),
        50,  # quiet 35, cadence 15
        "amber",
    ),
    (
        "the decision maker left and two follow-ups are overdue",
        HealthFacts(
            days_quiet=3, stale_days=7, tier="B", decision_maker="left", overdue_follow_ups=2
        ),
        75,  # no active decision maker 15, overdue 2×5
        "green",
    ),
    (
        "a core customer neglected: everything wrong, weighed ×1.2",
        HealthFacts(
            days_quiet=30,
            stale_days=7,
            tier="A",
            cadence_missed=True,
            overdue_follow_ups=6,
            slipping_milestones=3,
            decision_maker="none",
        ),
        0,  # (35 + 15 + 20 + 20 + 15) × 1.2 = 126 → floor at 0
        "red",
    ),
    (
        "a C customer with the same troubles as an amber B one",
        HealthFacts(
            days_quiet=15, stale_days=7, tier="C", cadence_missed=True, decision_maker="active"
        ),
        60,  # (35 + 15) × 0.8 = 40
        "amber",
    ),
    (
        "invalid customers are never stale",
        HealthFacts(days_quiet=400, stale_days=0, tier="C", decision_maker="active"),
        100,
        "green",
    ),
    (
        "an unhappy customer (satisfaction 2 of 5)",
        HealthFacts(days_quiet=1, stale_days=7, tier="B", decision_maker="active", satisfaction=2),
        80,
        "green",
    ),
    (
        "slipping milestones are capped",
        HealthFacts(
            days_quiet=1, stale_days=7, tier="B", decision_maker="none", slipping_milestones=5
        ),
        65,  # slipping 20 (cap), no decision maker 15
        "amber",
    ),
]


@pytest.mark.parametrize(("who", "facts", "score", "light"), TYPICAL, ids=[c[0] for c in TYPICAL])
def test_typical_customers_get_the_documented_score(
    who: str, facts: HealthFacts, score: int, light: str
) -> None:
    health = health_of(facts)
    assert (health.score, health.light) == (score, light)


def test_the_lights_change_at_70_and_40() -> None:
    assert [light_of(s) for s in (100, 70, 69, 40, 39, 0)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "red",
    ]


def test_a_drop_is_only_downwards_across_a_threshold() -> None:
    assert dropped("green", "amber") and dropped("amber", "red") and dropped("green", "red")
    assert not dropped("amber", "green") and not dropped("red", "red") and not dropped("", "red")


def test_every_reason_is_named_and_a_healthy_customer_has_none() -> None:
    assert (
        health_of(
            HealthFacts(days_quiet=0, stale_days=7, tier="B", decision_maker="active")
        ).reasons
        == []
    )
    worst = health_of(
        HealthFacts(
            days_quiet=30,
            stale_days=7,
            cadence_missed=True,
            overdue_follow_ups=1,
            slipping_milestones=1,
            satisfaction=3,
        )
    )
    assert [m.key for m in worst.reasons] == [
        "health.quiet",
        "health.cadence_missed",
        "health.no_dm",
        "health.slipping_milestones",
        "health.satisfaction",
        "health.overdue_follow_ups",
        "health.value_not_assessed",
    ]
