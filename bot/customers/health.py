"""Relationship health (关系健康度): a score of 0–100 per customer, a traffic light, and the
reasons, from what Rapport already knows. The formula is data (HEALTH_FORMULA, TIER_WEIGHT,
LIGHTS); README's "Relationship health" section states it, and tests/customers/
test_health.py holds a table of typical customers and the scores they get.

    score = 100 − round(weight(tier) × Σ penalties), never below 0

Penalties: days without a contact record against the phase's stale threshold (the same
thresholds as the stale-customer reminders), the last formal-meeting period of the plan's
cadence missed, overdue follow-ups and slipping milestones (each, up to a cap), no active
decision maker among the contacts (002: relationships wobble when the decision maker
changes), value not assessed, and low satisfaction once a survey is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.errors import Message

HEALTH_FORMULA: dict[str, dict[str, int]] = {
    # days since the last contact record, against the phase's stale threshold (×2 for basic)
    "quiet": {"over_threshold": 20, "over_twice": 35},
    # no meeting-kind record in the last completed period of the plan's formal cadence
    "cadence_missed": {"points": 15},
    # open follow-ups past their due moment: each, up to `most`
    "overdue_follow_ups": {"each": 5, "most": 20},
    # open milestones past their date: each, up to `most`
    "slipping_milestones": {"each": 10, "most": 20},
    # no active contact with the role decision maker (one who left counts as none)
    "no_decision_maker": {"points": 15},
    # the customer's value was never assessed (/customer value)
    "value_not_assessed": {"points": 5},
    # satisfaction survey, 1 (very unhappy) – 5; counted only once one is recorded
    "satisfaction": {"at_most_2": 20, "at_most_3": 10},
}
# Percent: a core customer's (A) problems weigh more, a C customer's less.
TIER_WEIGHT = {"A": 120, "B": 100, "C": 80, "": 100}
# A score at or above the floor gets the light.
LIGHTS = (("green", 70), ("amber", 40), ("red", 0))
DECISION_MAKER_STATES = ("active", "left", "none")


@dataclass(frozen=True)
class HealthFacts:
    """What the formula reads about one customer, as of one moment."""

    days_quiet: int  # days since the last contact record (or since the card was made)
    stale_days: int  # the threshold for its phase and status; 0: never stale (invalid)
    tier: str = ""  # value tier A, B, C, or "" when not assessed
    cadence_missed: bool = False
    overdue_follow_ups: int = 0
    slipping_milestones: int = 0
    decision_maker: str = "none"  # active | left (one left, none active) | none
    satisfaction: int | None = None


@dataclass(frozen=True)
class Health:
    score: int
    light: str  # green | amber | red
    reasons: list[Message] = field(default_factory=list)  # the heaviest first


def health_of(facts: HealthFacts) -> Health:
    """The score, its light and the reasons, by the formula above."""
    penalties = _penalties(facts)
    weight = TIER_WEIGHT.get(facts.tier, 100)
    taken = (weight * sum(points for points, _ in penalties) + 50) // 100
    score = max(0, 100 - taken)
    ranked = sorted(penalties, key=lambda p: -p[0])
    return Health(score, light_of(score), [message for _, message in ranked])


def light_of(score: int) -> str:
    return next(light for light, floor in LIGHTS if score >= floor)


def dropped(before: str, after: str) -> bool:
    """Whether the light went down across a threshold (green → amber or red, amber → red)."""
    order = [light for light, _ in LIGHTS]
    return before in order and after in order and order.index(after) > order.index(before)


def _penalties(facts: HealthFacts) -> list[tuple[int, Message]]:
    f = HEALTH_FORMULA
    found: list[tuple[int, Message]] = []
    if facts.stale_days and facts.days_quiet >= facts.stale_days:
        band = "over_twice" if facts.days_quiet >= 2 * facts.stale_days else "over_threshold"
        found.append(
            (
                f["quiet"][band],
                Message("health.quiet", {"days": facts.days_quiet, "limit": facts.stale_days}),
            )
        )
    if facts.cadence_missed:
        found.append((f["cadence_missed"]["points"], Message("health.cadence_missed")))
    for key in ("overdue_follow_ups", "slipping_milestones"):
        count = getattr(facts, key)
        if count:
            points = min(count * f[key]["each"], f[key]["most"])
            found.append((points, Message(f"health.{key}", {"count": count})))
    if facts.decision_maker != "active":
        key = "health.decision_maker_left" if facts.decision_maker == "left" else "health.no_dm"
        found.append((f["no_decision_maker"]["points"], Message(key)))
    if not facts.tier:
        found.append((f["value_not_assessed"]["points"], Message("health.value_not_assessed")))
    if facts.satisfaction is not None and facts.satisfaction <= 3:
        band = "at_most_2" if facts.satisfaction <= 2 else "at_most_3"
        found.append(
            (
                f["satisfaction"][band],
                Message("health.satisfaction", {"score": facts.satisfaction}),
            )
        )
    return found
