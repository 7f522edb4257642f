"""The customer a command's text starts with: `/log hp 给张总打电话`, `/phase Jinke …`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.resolution import look_up, resolve_customer
from bot.customers.search import FoundCustomer
from bot.store.models import Customer

if TYPE_CHECKING:
    from bot.customers.visibility import Gate


@dataclass(frozen=True)
class Leading:
    """A command's text that starts with a customer: `hp 给张总打电话`, `Jinke Electronics …`."""

    customer: Customer | None
    rest: str  # the text after the customer's words
    words: str  # the first word, to name back when no customer matched
    choices: list[FoundCustomer]  # what the first word could mean, when ambiguous
    archived: Customer | None = None  # the first words name an archived card


_WORD = re.compile(r"\S+")


async def resolve_leading_customer(
    *, session: AsyncSession, team_id: str, text: str, max_words: int = 3, gate: Gate | None = None
) -> Leading:
    """The customer named by the first one, two or three words of `text`."""
    words = list(_WORD.finditer(text))
    first = words[0].group(0) if words else ""
    spans = [words[count - 1].end() for count in range(1, min(max_words, len(words)) + 1)]
    texts = [text[:end].strip() for end in spans]
    # Every span's short name and spellings in one statement each, not two per span. A
    # misspelling is never taken for the card and only the first word's choices are
    # offered, so the longer spans skip that look-up (for `hp 给张总打电话 明天`, 12 statements).
    looked = await look_up(session=session, team_id=team_id, texts=texts)
    resolutions = [
        await resolve_customer(
            session=session,
            team_id=team_id,
            text=span,
            gate=gate,
            misspellings=number == 0,
            looked=looked,
        )
        for number, span in enumerate(texts)
    ]
    # The longest exact name wins (Jinke Electronics …), then the shortest unique prefix.
    for end, resolution in reversed(list(zip(spans, resolutions, strict=True))):
        if resolution.customer is not None and resolution.exact:
            return Leading(resolution.customer, text[end:].strip(), first, [])
    for end, resolution in zip(spans, resolutions, strict=True):
        if resolution.customer is not None:
            return Leading(resolution.customer, text[end:].strip(), first, [])
    archived = next((r.archived for r in resolutions if r.archived is not None), None)
    choices = resolutions[0].choices if resolutions else []
    return Leading(None, text.strip(), first, choices, archived=archived)
