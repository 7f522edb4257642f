"""The duplicate check on its labelled evaluation set (bench/quality/pairs.tsv) keeps the
targets of issue 16: F1 ≥ 0.97 with precision ≥ 0.98, and no class falls apart."""

from __future__ import annotations

from bench.quality.__main__ import TARGET_F1, TARGET_PRECISION, evaluate
from bench.quality.pairs import load_pairs


def test_the_evaluation_set_is_large_varied_and_hard() -> None:
    pairs = load_pairs()
    hard = [p for p in pairs if not p.same and p.kind != "unrelated"]

    assert len(pairs) >= 400 and len(hard) >= 0.4 * len(pairs)
    assert any("\u4e00" <= c <= "\u9fff" for p in pairs for c in p.typed)


def test_the_duplicate_check_meets_its_targets_on_the_evaluation_set() -> None:
    overall, by_class, misses = evaluate(load_pairs())

    assert overall.precision >= TARGET_PRECISION, misses
    assert overall.f1 >= TARGET_F1, misses
    assert all(tally.f1 >= 0.75 or not tally.true_positive for tally in by_class.values())
    assert all(tally.false_positive == 0 for tally in by_class.values()), misses
