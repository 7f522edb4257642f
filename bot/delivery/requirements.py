"""Requirements as people type them (需求确认, 001): `必须 月度报表 验收标准：每月5日前出上月报表`,
`must monthly report — criteria: by the 5th of each month`. The priority word is optional
(should, when none is given); the acceptance criteria follow `验收标准：`, `criteria:` or a dash."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.errors import Invalid, Message

TITLE_LIMIT = 200
CRITERIA_LIMIT = 2000


class Priority(StrEnum):
    MUST = "must"
    SHOULD = "should"
    COULD = "could"


PRIORITY_WORDS = {
    "must": Priority.MUST,
    "必须": Priority.MUST,
    "必需": Priority.MUST,
    "should": Priority.SHOULD,
    "应该": Priority.SHOULD,
    "应当": Priority.SHOULD,
    "could": Priority.COULD,
    "可以": Priority.COULD,
    "可选": Priority.COULD,
}
_LABEL = re.compile(r"^(?:验收标准[:：]|criteria\s*[:：])\s*", re.IGNORECASE)
_CRITERIA = re.compile(r"\s*(?:验收标准[:：]|criteria\s*[:：]|\s[—–-]{1,2}\s)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class RequirementDraft:
    title: str
    priority: Priority = Priority.SHOULD
    criteria: str = ""

    def to_payload(self) -> dict[str, str]:
        return {"title": self.title, "priority": self.priority.value, "criteria": self.criteria}


def read_requirement_line(text: str) -> RequirementDraft:
    """What follows the customer in `/customer requirement hp …`."""
    words = text.strip().split(maxsplit=1)
    priority = PRIORITY_WORDS.get(words[0].lower()) if words else None
    rest = words[1] if priority is not None and len(words) > 1 else text
    if priority is not None and len(words) == 1:
        rest = ""
    title, _, criteria = (part.strip() for part in _split(rest))
    criteria = _LABEL.sub("", criteria)  # `— criteria: …`: the label once is enough
    return checked(RequirementDraft(title, priority or Priority.SHOULD, criteria))


def read_requirement_form(title: str, priority: str, criteria: str) -> RequirementDraft:
    chosen = Priority(priority) if priority in set(Priority) else Priority.SHOULD
    return checked(RequirementDraft(" ".join(title.split()), chosen, criteria.strip()))


def checked(draft: RequirementDraft) -> RequirementDraft:
    errors: dict[str, Message] = {}
    if not draft.title:
        errors["title"] = Message("requirement.title_missing")
    elif len(draft.title) > TITLE_LIMIT:
        errors["title"] = Message("change.text_too_long", {"limit": TITLE_LIMIT})
    if len(draft.criteria) > CRITERIA_LIMIT:
        errors["criteria"] = Message("change.text_too_long", {"limit": CRITERIA_LIMIT})
    if errors:
        raise Invalid(errors)
    return draft


def _split(text: str) -> tuple[str, str, str]:
    found = _CRITERIA.search(text)
    if found is None:
        return text, "", ""
    return text[: found.start()], found.group(0), text[found.end() :]
