"""The /customer find benchmark: `find_customers` through the app's async stack."""

from __future__ import annotations

import time
from collections import Counter

from bench.dataset import Loaded
from bench.probes import Query, find_queries
from bench.rows import TEAM_ID
from bench.stats import Result, share
from bot.customers.search import FoundCustomer, find_customers
from bot.store.db import Database


async def run_find(loaded: Loaded, *, queries: int, warmup: int, target_ms: float) -> Result:
    data = loaded.data
    wanted = find_queries(data.seed, data.customers, warmup + queries)
    warm, timed = wanted[:warmup], wanted[warmup:]
    db = Database(loaded.url)
    try:
        for query in warm:
            await search(db, query)
        timings: list[float] = []
        found: Counter[str] = Counter()
        tried: Counter[str] = Counter()
        for query in timed:
            began = time.perf_counter()
            results = await search(db, query)
            timings.append((time.perf_counter() - began) * 1000)
            tried[query.kind] += 1
            if any(r.customer.id == query.target for r in results):
                found[query.kind] += 1
    finally:
        await db.dispose()
    # How often the card the text came from is among the 10 shown (target: 90% for every kind
    # but phone). A contact's surname is searched by the card's manager, the others by
    # another manager.
    notes = {
        f"card in results, {kind} queries": share(found[kind], tried[kind])
        for kind in sorted(tried)
    }
    return Result("find", loaded.backend, loaded.customers, timings, target_ms, notes)


async def search(db: Database, query: Query) -> list[FoundCustomer]:
    async with db.transaction() as session:
        return await find_customers(
            session=session, team_id=TEAM_ID, text=query.text, person_id=query.person
        )
