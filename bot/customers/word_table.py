"""A read-only table of words and their text, packed to a few MB: the entries whose keys
begin alike are one string, looked through with `str.find`.

A dict of 72,545 words costs a key, a value and a slot each, about 170 bytes: 12 MB for the
meanings of CC-CEDICT, 16 MB more for their reverse index, in every server process. Packed,
an entry costs its characters; a look-up is a dict look-up and a search of its group (a few
hundred characters, a microsecond; 10,680 for the words beginning with 大, 7 µs), which the
duplicate check makes a few dozen times a name.

A table is read a group of lines at a time, so that reading it never holds more than the
table and one group: what a process holds at its peak it keeps (Python returns freed memory
to the system only by whole arenas), and a dict built first and packed after would cost the
server the dict's size for good.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path


class WordTable:
    def __init__(self, blocks: dict[str, str], width: int) -> None:
        self._blocks = blocks  # the first `width` characters of a key → "\nkey\ttext\n…"
        self._width = width

    @classmethod
    def read(cls, path: Path, *, width: int) -> WordTable:
        """A file of `key<TAB>text` lines, each key once, `#` lines aside; quickest read
        when the lines of keys that begin alike come together (sorted)."""
        with path.open(encoding="utf-8") as lines:
            kept = (line.rstrip("\n") + "\n" for line in lines if not line.startswith("#"))
            return cls.packed(kept, width=width)

    @classmethod
    def packed(cls, lines: Iterable[str], *, width: int) -> WordTable:
        """`key<TAB>text\\n` lines, each key once, keys and texts without tabs or breaks."""
        blocks: dict[str, str] = {}
        for start, group in itertools.groupby(lines, key=lambda line: _start(line, width)):
            blocks[start] = blocks.get(start, "\n") + "".join(group)
        return cls(blocks, width)

    def get(self, key: str) -> str | None:
        if "\t" in key or "\n" in key:  # no key holds them; found, they would span entries
            return None
        block = self._blocks.get(key[: self._width])
        if block is None or (at := block.find(f"\n{key}\t")) < 0:
            return None
        begins = at + len(key) + 2
        return block[begins : block.index("\n", begins)]

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None


def _start(line: str, width: int) -> str:
    return line.partition("\t")[0][:width]


def entries(path: Path) -> Iterator[tuple[str, str]]:
    """A data file's `key<TAB>text` lines as (key, text), in the file's order, `#` lines
    aside (text empty where a line has no tab)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                key, _, text = line.rstrip("\n").partition("\t")
                yield key, text
