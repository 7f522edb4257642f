"""Checking an import's rows, chunk by chunk: no duplicate of an existing card or of an
earlier row of the file (the rules of the create modal's check), a short name nobody has."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from itertools import chain, islice
from typing import TypeVar

from sqlalchemy import bindparam, text
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.duplicates import CANDIDATE_LIMIT, SELECTIVE, first_duplicate
from bot.customers.form import CustomerDraft, Message
from bot.customers.keys import CardFacts, Key
from bot.customers.names import CompanyName, read_company_name
from bot.imports.customer_rows import Read, ReadRow, with_handle
from bot.imports.report import ImportReport, RowProblem
from bot.store.types import core_rows

C = TypeVar("C")  # a candidate: an existing card (its name and short name), or an earlier row
Existing = dict[Key, list[tuple[str, CardFacts]]]  # match key → the cards that have it
LOOK_UP = 2000  # keys per look-up: well inside both databases' limit on parameters
EXISTING_KEYS = text(
    'SELECT k."key", c.id, c.legal_name, c.handle, c.credit_code FROM customer_key k'
    " JOIN customer c ON c.id = k.customer_id"
    ' WHERE k.team_id = :team_id AND k.kind = :kind AND k."key" IN :keys'
).bindparams(bindparam("keys", expanding=True))


@dataclass(frozen=True)
class Checked:
    """A slice of rows checked against the cards found and the rows accepted before it."""

    accepted: list[ReadRow]
    problems: list[RowProblem]
    keys: dict[Key, list[tuple[int, CardFacts]]]  # the accepted rows' match keys
    handles: set[str]  # the short names they take, lower case


def readable_rows(chunk: list[Read], so_far: FileSoFar, report: ImportReport) -> list[ReadRow]:
    """The chunk's rows that were read; the others' problems go to the report."""
    reads: list[ReadRow] = []
    for read in chunk:
        if isinstance(read, ReadRow):
            reads.append(read)
            so_far.names.known[read.draft.legal_name] = read.name
        else:
            report.problems += read
    return reads


def candidates(
    wanted: Set[Key], having: Callable[[Key], Iterable[tuple[C, CardFacts]]]
) -> list[tuple[C, CardFacts, str]]:
    """The cards (or earlier rows) `wanted`'s keys find, with the kind of key: all that a
    selective key finds (the same phone, domain, credit code, short name or brand), and at
    most CANDIDATE_LIMIT for each of the shared ones (a sound, pinyin, initials, a slip), as
    the create modal caps them (bot/customers/duplicates.py) — each key its own share, so
    that a sound many names share leaves room for the slip that only one of them has. A
    sound thousands of names share (测试公司1号 … 测试公司9999号, a chain's branches) had
    each row judged against every earlier one: 12,000 such rows took two minutes."""
    found: list[tuple[C, CardFacts, str]] = []
    for kind, key in wanted:
        hits = having((kind, key))
        if kind not in SELECTIVE:
            hits = islice(hits, CANDIDATE_LIMIT)
        found += ((card, facts, kind) for card, facts in hits)
    return found


def probes_of(reads: list[ReadRow]) -> set[Key]:
    return {p for read in reads for p in read.probes}


def check_rows(reads: list[ReadRow], existing: Existing, so_far: FileSoFar) -> Checked:
    """The rows that are no duplicate of a card or an earlier row, under a free short name,
    and the others' problems. Changes nothing: `so_far.take` keeps what the import wrote."""
    names, in_file = so_far.names, so_far.keys
    keys: dict[Key, list[tuple[int, CardFacts]]] = {}
    handles: set[str] = set()
    accepted: list[ReadRow] = []
    problems: list[RowProblem] = []
    for read in reads:
        number, facts, wanted = read.number, read.facts, read.probes
        hits = candidates(
            wanted, lambda key: (((name, k.handle), k) for name, k in existing.get(key, ()))
        )
        if clash := first_duplicate(facts, hits, read_name=names.read):
            card_name, card_handle = clash  # as the form names it: name and short name
            said = Message("import.duplicate_card", {"name": card_name, "handle": card_handle})
            problems.append(RowProblem(number, "legal_name", said))
            continue
        earlier = candidates(wanted, lambda key: chain(in_file.get(key, ()), keys.get(key, ())))
        earlier.sort(key=lambda hit: hit[0])
        if row_before := first_duplicate(facts, earlier, read_name=names.read):
            problems.append(
                RowProblem(
                    number, "legal_name", Message("import.duplicate_row", {"row": row_before})
                )
            )
            continue
        handle = _free_handle(read.draft, lambda h: h in so_far.handles or h in handles)
        if handle is None:
            problems.append(
                RowProblem(
                    number,
                    "short_name",
                    Message("import.short_name_taken", {"handle": read.draft.handle}),
                )
            )
            continue
        handles.add(handle.lower())
        read = with_handle(read, handle)
        known = (number, read.facts)
        for key in read.keys:
            keys.setdefault(key, []).append(known)
        accepted.append(read)
    return Checked(accepted, problems, keys, handles)


async def existing_keys(
    session: AsyncSession, team_id: str, wanted: set[Key], made: set[int]
) -> Existing:
    """(kind, key) → the existing cards that have it (by legal name), a few queries per kind;
    not the cards this import made (`made`), which it checks as earlier rows."""
    by_kind: dict[str, set[str]] = {}
    for kind, key in wanted:
        by_kind.setdefault(kind, set()).add(key)
    cards: dict[int, tuple[str, CardFacts]] = {}  # each card's facts made once
    found: dict[Key, list[tuple[str, CardFacts]]] = {}
    for kind, keys in by_kind.items():
        ordered = sorted(keys)
        for start in range(0, len(ordered), LOOK_UP):
            query = EXISTING_KEYS.bindparams(team_id=team_id, kind=kind)
            params = {"keys": ordered[start : start + LOOK_UP]}
            for key, card_id, name, handle, code in await core_rows(session, query, params):
                if card_id in made:
                    continue
                if (card := cards.get(card_id)) is None:
                    card = cards[card_id] = (name, CardFacts(name, handle, credit_code=code))
                found.setdefault((kind, key), []).append(card)
    return found


class NamesRead:
    """Company names read once for the whole import: rows' names come read from the reading
    processes, existing cards' are read here the first time they are hit."""

    def __init__(self) -> None:
        self.known: dict[str, CompanyName] = {}

    def read(self, legal_name: str) -> CompanyName:
        name = self.known.get(legal_name)
        if name is None:
            name = self.known[legal_name] = read_company_name(legal_name)
        return name


class FileSoFar:
    """What the import accepted so far, chunk after chunk."""

    def __init__(self, handles: set[str]) -> None:
        self.handles = handles  # short names taken, lower case: the workspace's and the file's
        self.keys: dict[Key, list[tuple[int, CardFacts]]] = {}  # match key → (row, facts)
        self.names = NamesRead()
        self.made: set[int] = set()  # the ids of the cards it wrote

    def take(self, checked: Checked, made: set[int]) -> None:
        """What a slice wrote: its rows' keys and short names, its cards' ids."""
        keys = self.keys
        for key, rows in checked.keys.items():  # most keys are new: the slice's list is kept
            earlier = keys.get(key)
            if earlier is None:
                keys[key] = rows
            else:
                earlier.extend(rows)
        self.handles |= checked.handles
        self.made |= made


def _free_handle(draft: CustomerDraft, taken: Callable[[str], bool]) -> str | None:
    for attempt in range(1, 1000):
        handle = draft.handle if attempt == 1 else f"{draft.handle[:28]}{attempt}"
        if not taken(handle.lower()):
            return handle
        if not draft.handle_suggested:
            return None
    return None
