"""A packed word table answers as the dict it replaces would: each key's own text, nothing
for a key it does not hold, however keys begin alike or lines come."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.customers.word_table import WordTable

ENTRIES = {
    "长江": "yangtzeriver,yangtze",
    "长": "long,length",
    "长江口": "estuary",
    "银河": "galaxy",
}


def _lines(entries: dict[str, str]) -> list[str]:
    return [f"{key}\t{text}\n" for key, text in entries.items()]


def test_a_key_finds_its_own_text_and_no_other() -> None:
    table = WordTable.packed(_lines(ENTRIES), width=1)

    assert {key: table.get(key) for key in ENTRIES} == ENTRIES
    assert table.get("长江大") is None  # begins like 长江口, is not a key
    assert table.get("江") is None  # inside a key, not at its start
    assert table.get("yangtze") is None  # a text is not a key
    assert "银河" in table and "银" not in table
    assert table.get("长\tlong,length\n长江") is None  # spans two entries: no key


def test_keys_shorter_than_the_width_and_lines_not_grouped() -> None:
    lines = ["ab\tone\n", "abc\ttwo\n", "x\tthree\n", "abd\tfour\n"]  # abd's group comes twice

    table = WordTable.packed(lines, width=3)

    assert [table.get(key) for key in ("ab", "abc", "x", "abd", "a")] == [
        "one",
        "two",
        "three",
        "four",
        None,
    ]


def test_a_file_is_read_without_its_comments_nor_its_last_line_break(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("# a header\n长江\tyangtze\n银河\tgalaxy", encoding="utf-8")

    table = WordTable.read(path, width=1)

    assert (table.get("长江"), table.get("银河"), table.get("# a header")) == (
        "yangtze",
        "galaxy",
        None,
    )


_KEY = st.text(alphabet="长江银河ab1", min_size=1, max_size=4)


_TEXT = st.text(alphabet="xyz,", max_size=6)


@given(st.dictionaries(_KEY, _TEXT), st.lists(_KEY), st.integers(1, 3))
def test_it_answers_as_a_dict(entries: dict[str, str], asked: list[str], width: int) -> None:
    table = WordTable.packed(sorted(_lines(entries)), width=width)

    assert [table.get(key) for key in [*entries, *asked]] == [
        entries.get(key) for key in [*entries, *asked]
    ]
