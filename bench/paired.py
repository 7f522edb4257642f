"""Two checkouts of Rapport side by side: the server CPU each spends per command.

`python -m bench.paired TREE_A TREE_B` starts one server from each checkout (each on its own
copy of the data set, after the hourly health sweep) and sends every command to A, then the
same command to B, one at a time: `/customer find` and `/log` alternately, as the open-loop
benchmark sends them. Whatever the machine does meanwhile (another program, a slower
moment) falls on both alike, so B's CPU over A's is steady to a percent or two where two
open-loop runs of one checkout differ by five to ten (issue 17: changes of a few percent).
A checkout against itself gives 1.00. The figure is the servers' user+system time over the
commands, every thread included."""

from __future__ import annotations

import argparse
import asyncio
import sys
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

from bench.data import MANAGERS
from bench.dataset import RESULTS, DataSet
from bench.latency import ScratchCopy, load_backend
from bench.latency_load import TimedDouble, new_secret, server
from bench.openloop import Sender, commands, cpu_seconds, swept

WARM_UP = 300  # commands to each server before the rounds: caches, pools, word lists
SETTLE_S = 8.0  # then quiet, for what a first use starts in the background


@dataclass(frozen=True)
class Round:
    a_ms: float  # server CPU per command
    b_ms: float

    @property
    def ratio(self) -> float:
        return self.b_ms / self.a_ms


async def measure(
    trees: tuple[Path, Path], urls: list[str], *, customers: int, seed: int, size: int, rounds: int
) -> list[Round]:
    secret, double = new_secret(), TimedDouble()
    for user in MANAGERS:
        double.add_user(user, name=user, locale="zh-CN", tz="Asia/Shanghai")
    await double.start()
    pool = commands(seed, customers, WARM_UP + size * rounds)
    found: list[Round] = []
    try:
        async with Sender(double, secret) as sender, AsyncExitStack() as stack:
            a, b = [
                await stack.enter_async_context(
                    server(
                        "rapport",
                        api_url=double.api_url,
                        secret=secret,
                        database_url=url,
                        log=RESULTS / f"paired-{side}.log",
                        tree=tree,
                    )
                )
                for side, tree, url in zip("ab", trees, urls, strict=True)
            ]
            for command in pool[:WARM_UP]:
                for running in (a, b):
                    await sender.one(running.url, command)
            await asyncio.sleep(SETTLE_S)
            for n in range(rounds):
                batch = pool[WARM_UP + n * size : WARM_UP + (n + 1) * size]
                a0, b0 = cpu_seconds(a.process.pid), cpu_seconds(b.process.pid)
                for command in batch:
                    for running in (a, b):
                        sent = await sender.one(running.url, command)
                        if sent.status != 200 or sent.token in double.failed:
                            raise RuntimeError(f"{command} failed on {running.url}")
                a1, b1 = cpu_seconds(a.process.pid), cpu_seconds(b.process.pid)
                found.append(Round((a1 - a0) * 1000 / size, (b1 - b0) * 1000 / size))
                print(f"paired: round {n + 1}/{rounds}", file=sys.stderr)
            await asyncio.sleep(SETTLE_S)  # a reply after its ack (response_url) comes too
            if double.failed:
                raise RuntimeError(f"{len(double.failed)} commands answered with an error")
    finally:
        await double.stop()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.paired")
    parser.add_argument("tree_a", type=Path, help="a checkout of Rapport (the reference)")
    parser.add_argument("tree_b", type=Path, help="another checkout, measured against it")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=500, help="commands per round")
    parser.add_argument("--rounds", type=int, default=8)
    options = parser.parse_args(argv)
    trees = (options.tree_a.resolve(), options.tree_b.resolve())
    loaded = load_backend("sqlite", DataSet(options.seed, options.customers), "")
    # a copy each, swept as an hour-old server has it, removed when the run ends
    with (
        ScratchCopy(loaded, "", name="paired_a") as a,
        ScratchCopy(loaded, "", name="paired_b") as b,
    ):
        for url in (a, b):
            asyncio.run(swept(url))
        found = asyncio.run(
            measure(
                trees,
                [a, b],
                customers=options.customers,
                seed=options.seed,
                size=options.size,
                rounds=options.rounds,
            )
        )
    print(f"A: {trees[0]}\nB: {trees[1]}")
    print(f"{options.customers:,} customers; {options.size} commands a round, one at a time")
    print()
    print("| round | A CPU per command (ms) | B CPU per command (ms) | B / A |")
    print("|---:|---:|---:|---:|")
    for n, r in enumerate(found, 1):
        print(f"| {n} | {r.a_ms:.2f} | {r.b_ms:.2f} | {r.ratio:.3f} |")
    total_a, total_b = sum(r.a_ms for r in found), sum(r.b_ms for r in found)
    ratios = sorted(r.ratio for r in found)
    print(
        f"| all | {total_a / len(found):.2f} | {total_b / len(found):.2f} | "
        f"{total_b / total_a:.3f} (rounds {ratios[0]:.3f}–{ratios[-1]:.3f}) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
