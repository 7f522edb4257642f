"""What a loaded benchmark database holds, and a fingerprint to know when a cache is stale."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import bot

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def postgres_server() -> str | None:
    """The PostgreSQL server the benchmarks load their data sets into: BENCH_POSTGRES_URL,
    else the throwaway one scripts/with-postgres started; None when there is neither."""
    return os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("RAPPORT_TEST_DATABASE_URL")


DATA_VERSION = 1
_MIGRATIONS = Path(bot.__file__).parent / "store/migrations/versions"

# The cache is rebuilt when any of these change: the generator or the app's key functions.
_SOURCES = (
    "bench/data.py",
    "bench/rows.py",
    "bot/customers/keys.py",
    "bot/customers/names.py",
    "bot/customers/pinyin_table.py",
    "bot/customers/lexicon.py",
    "bot/customers/fields.py",
    "bot/customers/places.py",
    "bot/customers/industries.py",
    "bot/customers/sounds.py",
    "bot/customers/translation.py",
    "bot/customers/word_table.py",
    "bot/customers/data/pinyin_chars.tsv",
    "bot/customers/data/pinyin_phrases.tsv",
    "bot/customers/data/places_cn.tsv",
    "bot/customers/data/brands.tsv",
    "bot/customers/data/meanings.tsv",
    "bot/customers/data/english_words.tsv",
    "bot/customers/data/english_chars.tsv",
    "bot/store/models.py",
)


@dataclass(frozen=True)
class DataSet:
    seed: int
    customers: int

    def fingerprint(self) -> str:
        digest = hashlib.sha256(f"{DATA_VERSION}:{self.seed}:{self.customers}".encode())
        for source in _SOURCES:
            digest.update((ROOT / source).read_bytes())
        for migration in sorted(
            (Path(bot.__file__).parent / "store/migrations/versions").glob("*.py")
        ):
            digest.update(migration.read_bytes())
        return digest.hexdigest()[:12]


@dataclass
class Loaded:
    """A database ready to benchmark: its async URL and what loading it cost."""

    backend: str  # "sqlite" or "postgresql"
    url: str  # SQLAlchemy async URL
    data: DataSet
    customers: int
    keys: int
    terms: int
    load_seconds: float | None  # None when a cached database was reused
    server_version: str
