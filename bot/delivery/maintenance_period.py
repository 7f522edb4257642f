"""The rules of a maintenance plan that need no database: its period (a quarter unless
someone sets another), the activity kinds, and reading the forms typed for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.errors import Invalid, Message
from bot.sales.amounts import AmountRefused, Money, read_amount
from bot.sales.deal_line import amount_message

GOAL_LIMIT = 300
TEXT_LIMIT = 2900  # a section's text, with room for its label


class ActivityKind(StrEnum):
    """The activities 002 plans: 高层公关, visits, tenders, events, training, holidays."""

    EXECUTIVE = "executive"
    VISIT = "visit"
    TENDER = "tender"
    EVENT = "event"
    TRAINING = "training"
    HOLIDAY = "holiday"


class Outcome(StrEnum):
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def quarter_of(day: date) -> Period:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = (
        date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    )
    return Period(start, next_start - timedelta(days=1))


@dataclass(frozen=True)
class ActivityForm:
    """As typed: `day` an ISO date from the date picker, `owner` a Slack user id."""

    kind: str = ""
    goal: str = ""
    owner: str = ""
    day: str = ""
    budget: str = ""


@dataclass(frozen=True)
class ActivityRead:
    kind: ActivityKind
    goal: str
    owner: str
    day: date
    budget: Money | None


@dataclass(frozen=True)
class OutcomeForm:
    outcome: str = ""
    spent: str = ""
    note: str = ""


@dataclass(frozen=True)
class NotesForm:
    period_start: str = ""
    period_end: str = ""
    competitors: str = ""
    decision_makers: str = ""


@dataclass(frozen=True)
class ReviewForm:
    achievements: str = ""
    problems: str = ""
    risks: str = ""


def read_activity(
    form: ActivityForm, *, period: Period, default_owner: str, default_currency: str
) -> ActivityRead:
    """The activity typed, or every field's refusal at once."""
    errors: dict[str, Message] = {}
    kind = form.kind if form.kind in set(ActivityKind) else ""
    if not kind:
        errors["kind"] = Message("maint.kind_missing")
    goal = " ".join(form.goal.split())
    if not goal:
        errors["goal"] = Message("maint.goal_missing")
    elif len(goal) > GOAL_LIMIT:
        errors["goal"] = Message("maint.text_too_long", {"limit": GOAL_LIMIT})
    day = _day(form.day)
    if day is None:
        errors["day"] = Message("maint.day_missing")
    elif not period.holds(day):
        errors["day"] = Message("maint.day_outside", {"start": period.start, "end": period.end})
    budget = _amount(form.budget, "budget", default_currency, errors)
    if errors:
        raise Invalid(errors)
    assert day is not None
    return ActivityRead(ActivityKind(kind), goal, form.owner or default_owner, day, budget)


def read_outcome(form: OutcomeForm, *, default_currency: str) -> tuple[Outcome, Money | None]:
    errors: dict[str, Message] = {}
    outcome = form.outcome if form.outcome in set(Outcome) else ""
    if not outcome:
        errors["outcome"] = Message("maint.outcome_missing")
    spent = _amount(form.spent, "spent", default_currency, errors)
    if len(form.note) > TEXT_LIMIT:
        errors["note"] = Message("maint.text_too_long", {"limit": TEXT_LIMIT})
    if errors:
        raise Invalid(errors)
    return Outcome(outcome), spent


def read_period(form: NotesForm) -> Period:
    """The period typed: both days, the end not before the start."""
    errors: dict[str, Message] = {}
    start, end = _day(form.period_start), _day(form.period_end)
    if start is None:
        errors["period_start"] = Message("maint.day_missing")
    if end is None:
        errors["period_end"] = Message("maint.day_missing")
    elif start is not None and end < start:
        errors["period_end"] = Message("maint.period_backwards")
    for name in ("competitors", "decision_makers"):
        if len(getattr(form, name)) > TEXT_LIMIT:
            errors[name] = Message("maint.text_too_long", {"limit": TEXT_LIMIT})
    if errors:
        raise Invalid(errors)
    assert start is not None and end is not None
    return Period(start, end)


def read_review(form: ReviewForm) -> ReviewForm:
    errors: dict[str, Message] = {}
    for name in ("achievements", "problems", "risks"):
        if len(getattr(form, name)) > TEXT_LIMIT:
            errors[name] = Message("maint.text_too_long", {"limit": TEXT_LIMIT})
    if not (form.achievements.strip() or form.problems.strip() or form.risks.strip()):
        errors["achievements"] = Message("maint.review_empty")
    if errors:
        raise Invalid(errors)
    return ReviewForm(form.achievements.strip(), form.problems.strip(), form.risks.strip())


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def _amount(
    text: str, field: str, default_currency: str, errors: dict[str, Message]
) -> Money | None:
    if not text.strip():
        return None
    try:
        return read_amount(text, default_currency=default_currency)
    except AmountRefused as refused:
        errors[field] = amount_message(refused)
        return None
