"""A card's health reasons read as a sentence of the reader's language: clauses joined with
"; " in English and "；" in Chinese."""

from __future__ import annotations

from bot.customers.health import Health
from bot.errors import Message
from bot.views.health import reasons_text

TWO_REASONS = Health(
    score=55,
    light="amber",
    reasons=[Message("health.cadence_missed"), Message("health.value_not_assessed")],
)


def test_reasons_are_joined_as_each_language_joins_clauses() -> None:
    english, chinese = reasons_text(TWO_REASONS, "en"), reasons_text(TWO_REASONS, "zh")

    assert english.count("; ") == 1 and "；" not in english
    assert chinese.count("；") == 1 and "; " not in chinese
