"""Table rows of the synthetic cards, computed with the app's own key and term functions.

Rows are built in chunks by a pool of worker processes; `stream_rows` yields them in
order and makes identity keys unique (the first card with a name keeps it, as if later
ones had been confirmed "a different company").
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.data import MANAGERS, card
from bot.customers.fields import Phone
from bot.customers.keys import CardFacts, card_keys, card_terms, identity_key
from bot.customers.names import suggest_short_name

TEAM_ID = "T0BENCH"
CREATED_BY = "U0BENCHLOAD"
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
CHUNK = 5_000

# Column order of the rows below (the loaders insert exactly these columns).
CUSTOMER_COLUMNS = (
    "id", "team_id", "handle", "handle_key", "legal_name", "address", "province", "city",
    "county", "phone_e164", "phone_ext", "email", "website", "notes", "status", "level",
    "manager_id", "security_level", "phase", "identity_key", "created_from", "created_by",
    "created_at", "updated_by", "updated_at", "archived_at", "version", "index_rules",
)  # fmt: skip
KEY_COLUMNS = ("team_id", "customer_id", "kind", "key")
TERM_COLUMNS = ("team_id", "customer_id", "manager_id", "term", "weight")
_IDENTITY = CUSTOMER_COLUMNS.index("identity_key")
# What a new card holds in the other columns (None for created_from and archived_at).
_DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(("address", "province", "city", "county", "phone_ext", "notes"), ""),
    "status": "basic",
    "level": 1,
    "security_level": 0,
    "phase": "pre_contract",
    "updated_by": "",
    "version": 1,
    # its terms name a contact whose row the loader does not write: not what the rules give
    # for the card as stored, so a save reads them first (and the sweep makes them anew)
    "index_rules": 0,
}

Row = tuple[Any, ...]


@dataclass
class Chunk:
    customers: list[Row]
    keys: list[Row]
    terms: list[Row]


def unique_handle(legal_name: str, customer_id: int) -> str:
    """The suggested short name with the row number appended: unique, and a valid handle."""
    suffix = str(customer_id)
    return f"{suggest_short_name(legal_name)[: 32 - len(suffix)]}{suffix}"


def build_chunk(task: tuple[int, int, int]) -> Chunk:
    """Rows of cards [start, stop) of the data set `seed`."""
    seed, start, stop = task
    chunk = Chunk([], [], [])
    for index in range(start, stop):
        c = card(seed, index)
        customer_id = index + 1
        legal_name = c.legal_name
        handle = unique_handle(legal_name, customer_id)
        facts = CardFacts(
            legal_name=legal_name,
            handle=handle,
            website=c.website,
            email=c.email,
            phones=(c.phone,),
            contact_names=(c.contact,),  # as a contact of the card: its search terms
        )
        created = EPOCH + timedelta(seconds=index * 17)
        values = {
            "id": customer_id,
            "team_id": TEAM_ID,
            "handle": handle,
            "handle_key": handle.lower(),
            "legal_name": legal_name,
            "phone_e164": c.phone,
            "email": c.email,
            "website": c.website,
            "manager_id": MANAGERS[index % len(MANAGERS)],
            "identity_key": identity_key(legal_name),
            "created_by": CREATED_BY,
            "created_at": created,
            "updated_at": created,
        }
        chunk.customers.append(tuple(values.get(c, _DEFAULTS.get(c)) for c in CUSTOMER_COLUMNS))
        for kind, key in sorted(card_keys(facts)):
            chunk.keys.append((TEAM_ID, customer_id, kind, key[:200]))
        for term, weight in card_terms(facts, Phone(c.phone, "").search_digits()).items():
            chunk.terms.append((TEAM_ID, customer_id, values["manager_id"], term, weight))
    return chunk


def stream_rows(seed: int, customers: int, *, workers: int | None = None) -> Iterator[Chunk]:
    """Chunks of rows for cards 0 … customers-1, in order, with progress on stderr."""
    workers = workers or min(2, os.cpu_count() or 1)
    tasks = [(seed, start, min(start + CHUNK, customers)) for start in range(0, customers, CHUNK)]
    seen: set[str] = set()
    done = 0
    progress = Progress()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for chunk in pool.imap(build_chunk, tasks):
            for position, row in enumerate(chunk.customers):
                key = row[_IDENTITY]
                if key in seen:
                    chunk.customers[position] = (*row[:_IDENTITY], None, *row[_IDENTITY + 1 :])
                else:
                    seen.add(key)
            done += len(chunk.customers)
            progress(f"  rows {done:,}/{customers:,}", final=done == customers)
            yield chunk


class Progress:
    """A progress line on stderr, at most every few seconds (every step on a terminal)."""

    def __init__(self, every: float = 10.0) -> None:
        self.began = time.perf_counter()
        self.shown = self.began
        self.every = 0.0 if sys.stderr.isatty() else every

    def __call__(self, message: str, *, final: bool = False) -> None:
        now = time.perf_counter()
        if final or now - self.shown >= self.every:
            self.shown = now
            end = "\n" if final or not sys.stderr.isatty() else "\r"
            print(f"{message}  ({now - self.began:.0f} s)", end=end, file=sys.stderr, flush=True)
