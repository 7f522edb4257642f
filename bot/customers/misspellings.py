"""Cards a misspelling was meant for: `nortgate` → Northgate Logistics, `yoeyu` → 约屿 (yueyu).

Three ways, cheapest first, each an index look-up: the one-letter-deleted keys stored for
brands of six letters or more; every spelling one edit away from the text, looked up as
whole terms (short pinyin brands, which store no deletion keys); and, for two edits, the
terms that start like the text. The first letter is kept throughout: slips there are rare,
and allowing them multiplies the cards a short text could mean.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.keys import CONTACT, deletions
from bot.store.customers import match_keys, terms_in
from bot.store.term_probes import terms_with_prefix

TYPO_EDITS = 2
CANDIDATE_LIMIT = 500
CROWDED = 200  # more cards than this: the person's own are looked up apart
OWN_LIMIT = 200
ENOUGH = 30  # cards one letter away: find shows at most 10 of them, so no second look-up
NEIGHBOUR_MAX = 24  # longer texts are names typed whole: their deletion keys suffice
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

Found = tuple[int, int, bool, bool]  # card, letters wrong, the person's own, a contact's name


def one_edit_away(word: str) -> set[str]:
    """Every spelling one letter changed, added, dropped or two neighbours swapped from
    `word`, its first letter kept (yoeyu → yueyu, yeyu, yoyeu …)."""
    if not word.isascii() or not word.isalpha() or not 3 <= len(word) <= NEIGHBOUR_MAX:
        return set()
    found: set[str] = set()
    for at in range(1, len(word) + 1):
        head, tail = word[:at], word[at:]
        found.update(head + letter + tail for letter in _LETTERS)  # one added
        if tail:
            found.add(head + tail[1:])  # one dropped
            found.update(head + letter + tail[1:] for letter in _LETTERS)  # one changed
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])  # two swapped
    found.discard(word)
    return found


async def misspelled(session: AsyncSession, team_id: str, text: str, me: str) -> list[Found]:
    """Cards whose brand, name, short name or contact is within two edits of `text`."""
    found = await _deleted_letter_keys(session, team_id, text, me) if text.isascii() else []
    found += await _one_edit_terms(session, team_id, text, me)
    if len({customer_id for customer_id, _, _, contact in found if not contact}) >= ENOUGH:
        return found  # brands two letters away would rank after these
    for size in sorted({len(text) - 1, len(text) - 2, max(3, len(text) // 2)}, reverse=True):
        if not 3 <= size < len(text):  # terms starting with the whole text were found already
            continue
        close, read = await _close_terms(session, team_id, text, text[:size], "")
        if me and read >= CROWDED:
            close += (await _close_terms(session, team_id, text, text[:size], me))[0]
        if close or read >= CANDIDATE_LIMIT:
            return found + close
    return found


async def _deleted_letter_keys(
    session: AsyncSession, team_id: str, text: str, me: str
) -> list[Found]:
    """Brands one letter from `text` by their stored deletion keys (only Latin letters have
    them: a Chinese text never matches one)."""
    keys = [("typo", text), *(("typo", v) for v in deletions(text))]
    keys += [("brand", v) for v in deletions(text)]
    rows = await match_keys(session=session, team_id=team_id, keys=keys, limit=CANDIDATE_LIMIT)
    found: list[Found] = [(customer_id, 1, False, False) for customer_id, _, _ in rows]
    if me and len(rows) > CROWDED:
        mine = await match_keys(
            session=session, team_id=team_id, keys=keys, limit=OWN_LIMIT, manager_id=me
        )
        found += [(customer_id, 1, True, False) for customer_id, _, _ in mine]
    return found


async def _one_edit_terms(session: AsyncSession, team_id: str, text: str, me: str) -> list[Found]:
    spellings = sorted(one_edit_away(text))
    if not spellings:
        return []
    rows = await terms_in(session=session, team_id=team_id, terms=spellings, limit=CANDIDATE_LIMIT)
    found = [(customer_id, 1, False, weight <= CONTACT) for customer_id, _, weight in rows]
    if me and len(rows) > CROWDED:
        mine = await terms_in(
            session=session, team_id=team_id, terms=spellings, limit=OWN_LIMIT, manager_id=me
        )
        found += [(customer_id, 1, True, weight <= CONTACT) for customer_id, _, weight in mine]
    return found


async def _close_terms(
    session: AsyncSession, team_id: str, text: str, prefix: str, me: str
) -> tuple[list[Found], int]:
    """Terms starting with `prefix` within two edits of `text`, and how many rows were read."""
    rows = await terms_with_prefix(
        session=session,
        team_id=team_id,
        prefix=prefix,
        limit=OWN_LIMIT if me else CANDIDATE_LIMIT,
        manager_id=me,
    )
    close = [
        (customer_id, edits, bool(me), weight <= CONTACT)
        for customer_id, term, weight in rows
        if (edits := OSA.distance(text, term[: len(text)], score_cutoff=TYPO_EDITS)) <= TYPO_EDITS
    ]
    return close, len(rows)
