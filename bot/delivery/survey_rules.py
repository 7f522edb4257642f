"""The satisfaction survey's rules as plain functions (001 满意度调查 / 闭环).

A milestone is an acceptance (验收) when the project template made it one, or when a person
titled it so. Scores are whole numbers from 1 to 5, typed as people type them (`4`, `４`,
`4分`); any score at or below LOW_SCORE opens one feedback item for the survey, naming the low
questions, owned by the card's manager and due FEEDBACK_DAYS later.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from bot.errors import Invalid, Message
from bot.store.plan_tables import Milestone

QUESTIONS = ("quality", "responsiveness", "communication", "overall")
LOWEST, HIGHEST = 1, 5
LOW_SCORE = 2  # at or below: the customer is unhappy enough to follow up (issue 21)
FEEDBACK_DUE = timedelta(days=7)
COMMENT_LIMIT = 2000
ACCEPTANCE_WORDS = ("验收", "acceptance")


def is_acceptance(milestone: Milestone) -> bool:
    if milestone.kind == "acceptance":
        return True
    title = milestone.title.casefold()
    return any(word in title for word in ACCEPTANCE_WORDS)


@dataclass(frozen=True)
class Scores:
    quality: int
    responsiveness: int
    communication: int
    overall: int

    def of(self, question: str) -> int:
        return int(getattr(self, question))

    def low(self) -> list[str]:
        """The questions scored at or below LOW_SCORE, in the survey's order."""
        return [q for q in QUESTIONS if self.of(q) <= LOW_SCORE]


def read_score(raw: str) -> int | None:
    """`4`, `４`, `4分`, ` 4 `: the score, or None when it is not a whole number 1–5."""
    text = unicodedata.normalize("NFKC", raw).strip().removesuffix("分").strip()
    if not text.isascii() or not text.isdigit():
        return None
    score = int(text)
    return score if LOWEST <= score <= HIGHEST else None


def read_scores(typed: dict[str, str], comment: str) -> Scores:
    """Every question answered with 1–5, the comment within its limit; refused per field."""
    errors: dict[str, Message] = {}
    found: dict[str, int] = {}
    for question in QUESTIONS:
        raw = typed.get(question, "")
        score = read_score(raw)
        if score is None:
            key = "survey.score_missing" if not raw.strip() else "survey.score_invalid"
            errors[question] = Message(key, {"text": raw.strip()})
        else:
            found[question] = score
    if len(comment) > COMMENT_LIMIT:
        errors["comment"] = Message("survey.comment_too_long", {"limit": COMMENT_LIMIT})
    if errors:
        raise Invalid(errors)
    return Scores(**found)
