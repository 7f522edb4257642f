"""A card's health reasons read as a sentence of the reader's language: clauses joined with
"; " in English and "；" in Chinese."""

from __future__ import annotations

from bot.console.render import render_blocks
from bot.customers.health import Health, HealthFacts, health_of
from bot.errors import Message
from bot.views.health import health_block, reasons_text

TWO_REASONS = Health(
    score=55,
    light="amber",
    reasons=[Message("health.cadence_missed"), Message("health.value_not_assessed")],
)


def test_reasons_are_joined_as_each_language_joins_clauses() -> None:
    english, chinese = reasons_text(TWO_REASONS, "en"), reasons_text(TWO_REASONS, "zh")

    assert english.count("; ") == 1 and "；" not in english
    assert chinese.count("；") == 1 and "; " not in chinese


def test_the_card_gives_every_reason_not_the_first_three() -> None:
    facts = HealthFacts(
        days_quiet=60,
        stale_days=14,
        cadence_missed=True,
        overdue_follow_ups=7,
        slipping_milestones=6,
        decision_maker="none",
        satisfaction=2,
    )
    health = health_of(facts)

    shown = render_blocks([health_block(health, "en")])

    assert health.score == 0
    for reason in ("60 days", "7 overdue", "6 milestones", "satisfaction 2/5", "cadence missed"):
        assert reason in shown
    assert shown.endswith("no known decision maker; value not assessed")
