"""The word lists the duplicate check translates brands with (长江 ↔ Yangtze) are read once a
process, in the background after its first name; what waits for them (a server putting these
long-lived tables out of the garbage collector's sight) runs once they are read, exactly
once."""

from __future__ import annotations

from bot.customers import translation
from bot.customers.data.make_meanings import english_indexes
from bot.customers.translation import chinese_forms, english_forms, once_read
from bot.customers.word_table import entries


def test_what_waits_for_the_word_lists_runs_once_when_they_are_read() -> None:
    ran: list[str] = []

    once_read(lambda: ran.append("waited"))  # at once if an earlier reading was done
    translation._read_then_tell()  # the background reading, here in this thread

    assert ran == ["waited"]
    assert "yangtze" in english_forms("长江")  # the lists were read


def test_what_asks_after_they_were_read_runs_at_once() -> None:
    translation._read_then_tell()
    ran: list[str] = []

    once_read(lambda: ran.append("now"))

    assert ran == ["now"]


def test_a_chinese_brand_reads_in_english_and_back() -> None:
    assert {"yangtzeriver", "yangtze", "longriver"} <= set(english_forms("长江"))
    assert "长江" in chinese_forms(["yangtze"])
    assert "银河" in chinese_forms(["milky", "way"])  # the whole, 银河 is a word
    assert "东风" in chinese_forms(["east", "wind"])  # word by word, 东 and 风
    assert chinese_forms(["qqqzzz"]) == ()


def test_the_english_indexes_are_meanings_tsv_the_other_way_round() -> None:
    """english_words.tsv and english_chars.tsv are written from meanings.tsv; after an edit
    of one without the others (make_meanings.py writes all three) this fails."""
    words, chars = english_indexes(entries(translation.DATA / "meanings.tsv"))
    for name, index in (("english_words.tsv", words), ("english_chars.tsv", chars)):
        lines = (translation.DATA / name).read_text(encoding="utf-8").splitlines()
        assert [line for line in lines if not line.startswith("#")] == [
            f"{english}\t{','.join(han)}" for english, han in index.items()
        ]
