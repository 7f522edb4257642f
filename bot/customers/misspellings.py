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
from bot.store.misspelling_probe import first_look
from bot.store.term_probes import Term, terms_with_prefix, terms_with_prefixes

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
    keys = _deletion_keys(text) if text.isascii() else []
    spellings = sorted(one_edit_away(text))
    sizes = sorted({len(text) - 1, len(text) - 2, max(3, len(text) // 2)}, reverse=True)
    # terms starting with the whole text were found already
    prefixes = [text[:size] for size in sizes if 3 <= size < len(text)]
    # the one-letter look-ups and the first prefix's in one statement (issue 17)
    look = await first_look(
        session=session,
        team_id=team_id,
        keys=keys,
        spellings=spellings,
        prefix=prefixes[0] if prefixes else "",
        limit=CANDIDATE_LIMIT,
    )
    found: list[Found] = [(customer_id, 1, False, False) for customer_id in look.keys]
    if me and len(look.keys) > CROWDED:
        mine = await match_keys(
            session=session, team_id=team_id, keys=keys, limit=OWN_LIMIT, manager_id=me
        )
        found += [(customer_id, 1, True, False) for customer_id, _, _ in mine]
    found += [
        (customer_id, 1, False, weight <= CONTACT) for customer_id, _, weight in look.spellings
    ]
    if me and len(look.spellings) > CROWDED:
        theirs = await terms_in(
            session=session, team_id=team_id, terms=spellings, limit=OWN_LIMIT, manager_id=me
        )
        found += [(customer_id, 1, True, weight <= CONTACT) for customer_id, _, weight in theirs]
    if len({customer_id for customer_id, _, _, contact in found if not contact}) >= ENOUGH:
        return found  # brands two letters away would rank after these
    starting = {prefixes[0]: look.close} if prefixes else {}
    for number, prefix in enumerate(prefixes):
        if prefix not in starting:
            # The shorter starts in one statement, each read only when the one before it
            # holds no term: a term that starts like the text less one or two letters is
            # within two edits of it, so the first start that holds any decides, and the
            # shorter ones' rows would be read for nothing (a common syllable's 500, issue 17)
            starting |= await terms_with_prefixes(
                session=session,
                team_id=team_id,
                prefixes=prefixes[number:],
                limit=CANDIDATE_LIMIT,
                each_if_none_before=True,
            )
        rows = starting[prefix]
        close = _close(text, rows, mine=False)
        if me and len(rows) >= CROWDED:
            theirs = await terms_with_prefix(
                session=session, team_id=team_id, prefix=prefix, limit=OWN_LIMIT, manager_id=me
            )
            close += _close(text, theirs, mine=True)
        if close or len(rows) >= CANDIDATE_LIMIT:
            return found + close
    return found


def _deletion_keys(text: str) -> list[tuple[str, str]]:
    """The stored keys of brands one letter from `text` (only Latin letters have them: a
    Chinese text never matches one)."""
    return [
        ("typo", text),
        *(("typo", v) for v in deletions(text)),
        *(("brand", v) for v in deletions(text)),
    ]


def _close(text: str, rows: list[Term], *, mine: bool) -> list[Found]:
    """The terms among `rows` within two edits of `text`."""
    return [
        (customer_id, edits, mine, weight <= CONTACT)
        for customer_id, term, weight in rows
        if (edits := OSA.distance(text, term[: len(text)], score_cutoff=TYPO_EDITS)) <= TYPO_EDITS
    ]
