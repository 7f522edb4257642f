"""The duplicate-check benchmark: `find_duplicates` through the app's async stack.

Each check opens its own `Database.transaction()` session, as a use case does, and the
time is measured around the whole block (session, BEGIN, the look-ups, COMMIT).
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

from sqlmodel import select

from bench.dataset import Loaded
from bench.probes import Probe, new_probes, variant_probes
from bench.rows import TEAM_ID
from bench.stats import Result, share
from bot.customers.duplicates import DuplicateMatch, find_duplicates
from bot.store.db import Database
from bot.store.models import Customer

HIT_RATE_FLOOR = 0.95


async def run_duplicates(loaded: Loaded, *, checks: int, warmup: int, target_ms: float) -> Result:
    data = loaded.data
    db = Database(loaded.url)
    try:
        variants = variant_probes(data.seed, data.customers, checks // 2)
        fresh = await new_names(db, data.seed, checks - len(variants))
        warm = variant_probes(data.seed, data.customers, warmup // 2, salt=1)
        warm += await new_names(db, data.seed, warmup - len(warm), salt=1)
        for probe in warm:
            await check(db, probe)
        probes = variants + fresh
        random.Random(f"order:{data.seed}").shuffle(probes)
        timings: list[float] = []
        hits: Counter[str] = Counter()
        tried: Counter[str] = Counter()
        for probe in probes:
            began = time.perf_counter()
            matches = await check(db, probe)
            timings.append((time.perf_counter() - began) * 1000)
            tried[probe.kind] += 1
            if _found(probe, matches):
                hits[probe.kind] += 1
    finally:
        await db.dispose()
    return _result(loaded, timings, hits, tried, target_ms)


async def check(db: Database, probe: Probe) -> list[DuplicateMatch]:
    async with db.transaction() as session:
        return await find_duplicates(session=session, team_id=TEAM_ID, facts=probe.facts)


async def new_names(db: Database, seed: int, count: int, *, salt: int = 0) -> list[Probe]:
    """`count` fresh cards whose name is no card's name yet (same identity key)."""
    kept: list[Probe] = []
    batch = 0
    while len(kept) < count:
        candidates = new_probes(seed, count, batch=salt * 40 + batch)
        async with db.transaction() as session:
            query = select(Customer.identity_key).where(
                Customer.team_id == TEAM_ID,
                Customer.identity_key.in_([p.identity_key for p in candidates]),
            )
            taken = set((await session.exec(query)).all())
        kept += [p for p in candidates if p.identity_key not in taken]
        batch += 1
    return kept[:count]


def _found(probe: Probe, matches: list[DuplicateMatch]) -> bool:
    if probe.target is None:
        return bool(matches)  # a new name that matched something: a false positive
    return any(m.customer_id == probe.target for m in matches)


def _result(
    loaded: Loaded,
    timings: list[float],
    hits: Counter[str],
    tried: Counter[str],
    target_ms: float,
) -> Result:
    variant_kinds = sorted(k for k in tried if k != "new")
    hit = sum(hits[k] for k in variant_kinds)
    total = sum(tried[k] for k in variant_kinds)
    notes = {
        "variant hit rate": share(hit, total),
        "false positives on new names": share(hits["new"], tried["new"]),
    }
    notes |= {f"hit rate, {kind}": share(hits[kind], tried[kind]) for kind in variant_kinds}
    if total and hit / total < HIT_RATE_FLOOR:
        print(
            f"WARNING: {loaded.backend}: variant hit rate {hit / total:.1%} is below "
            f"{HIT_RATE_FLOOR:.0%}",
            file=sys.stderr,
        )
    return Result("duplicates", loaded.backend, loaded.customers, timings, target_ms, notes)
