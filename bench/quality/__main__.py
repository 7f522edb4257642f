"""`python -m bench.quality`: precision, recall and F1 of the duplicate check on the labelled
pairs, overall and per class, and every miss with the reason it was flagged or not."""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from bench.quality.pairs import PAIRS, Pair, load_pairs, verdict

TARGET_F1 = 0.97
TARGET_PRECISION = 0.98


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0

    def add(self, same: bool, flagged: bool) -> None:
        if same and flagged:
            self.true_positive += 1
        elif same:
            self.false_negative += 1
        elif flagged:
            self.false_positive += 1
        else:
            self.true_negative += 1

    @property
    def pairs(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        same = self.true_positive + self.false_negative
        return self.true_positive / same if same else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(pairs: list[Pair]) -> tuple[Tally, dict[str, Tally], list[tuple[Pair, tuple]]]:
    overall, by_class, misses = Tally(), defaultdict(Tally), []
    for pair in pairs:
        why = verdict(pair)
        overall.add(pair.same, bool(why))
        by_class[pair.kind].add(pair.same, bool(why))
        if bool(why) != pair.same:
            misses.append((pair, why))
    return overall, dict(by_class), misses


def report(pairs: list[Pair]) -> list[str]:
    overall, by_class, misses = evaluate(pairs)
    same = sum(p.same for p in pairs)
    hard = sum(1 for p in pairs if not p.same and p.kind != "unrelated")
    lines = [
        f"{len(pairs)} pairs: {same} of one company, {len(pairs) - same} of two "
        f"({hard} hard negatives, {hard / len(pairs):.0%})",
        "",
        "| class | label | pairs | precision | recall | F1 | misses |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, tally in sorted(by_class.items(), key=lambda item: (-item[1].recall, item[0])):
        label = "same" if tally.true_positive + tally.false_negative else "different"
        missed = tally.false_negative + tally.false_positive
        lines.append(
            f"| {kind} | {label} | {tally.pairs} | {tally.precision:.3f} | {tally.recall:.3f} "
            f"| {tally.f1:.3f} | {missed} |"
        )
    met = overall.f1 >= TARGET_F1 and overall.precision >= TARGET_PRECISION
    lines += [
        f"| **overall** | | {overall.pairs} | **{overall.precision:.3f}** | "
        f"**{overall.recall:.3f}** | **{overall.f1:.3f}** | {len(misses)} |",
        "",
        f"Target: F1 ≥ {TARGET_F1} with precision ≥ {TARGET_PRECISION}: "
        f"{'met' if met else 'NOT met'}.",
        "",
        "Misses (line of pairs.tsv, class, existing card, typed name, what the check said):",
        "",
    ]
    for pair, why in misses:
        said = f"flagged: {', '.join(why)}" if why else "not flagged"
        lines.append(
            f"- {pair.line} {pair.kind}: {pair.existing} / {pair.typed} — {said}"
            f" (labelled {'same' if pair.same else 'different'})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    parser.add_argument("--pairs", default=str(PAIRS), help="a TSV of labelled pairs")
    options = parser.parse_args(argv)
    began = time.perf_counter()
    from pathlib import Path

    lines = report(load_pairs(Path(options.pairs)))
    print("\n".join(lines))
    print(f"\n({time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
