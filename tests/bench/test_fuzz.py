"""The fuzz harnesses (`./dev fuzz`) stay runnable: every seed input goes through its harness
without atheris, and every harness has seeds to start from."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.fuzz.__main__ import CORPUS
from bench.fuzz.targets import TARGETS, harness
from bench.fuzz.words import WORDS, write_dictionary

SEEDS = [
    pytest.param(name, path, id=f"{name}/{path.name}")
    for name in TARGETS
    for path in sorted((CORPUS / name).iterdir())
]


@pytest.mark.parametrize(("target", "seed"), SEEDS)
def test_every_seed_goes_through_its_harness(target: str, seed: Path) -> None:
    harness(TARGETS[target])(seed.read_bytes())


@pytest.mark.parametrize("target", TARGETS)
def test_every_harness_has_seeds_in_both_languages(target: str) -> None:
    seeds = [p.read_bytes() for p in (CORPUS / target).iterdir()]
    texts = [s.decode("utf-8", "replace") for s in seeds]
    assert len(seeds) >= 4
    assert any(text.isascii() for text in texts)
    assert any(any("\u4e00" <= c <= "\u9fff" for c in text) for text in texts)


def test_the_dictionary_is_written_as_libfuzzer_reads_it(tmp_path: Path) -> None:
    lines = write_dictionary(tmp_path / "words.dict").read_text(encoding="ascii").splitlines()
    assert len(lines) == len(WORDS)
    assert all(line.startswith('"') and line.endswith('"') for line in lines)
    assert '"\\xe6\\x98\\x8e\\xe5\\xa4\\xa9"' in lines  # 明天
