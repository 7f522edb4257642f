"""OWASP's rule against spreadsheet formulas in exports, and its inverse for imports."""

from __future__ import annotations

import pytest

from bot.imports.formulas import neutralise, restore


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_excel_would_run_gets_a_quote_in_front_and_loses_it_on_the_way_back(
    start: str,
) -> None:
    value = f"{start}SUM(A1:A9)"

    assert neutralise(value) == f"'{value}"
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize(
    "value",
    ["", "'", "plain", "'quoted", "''=two quotes", "'=one quote", "1+1", " =spaced", "＝全角"],
)
def test_every_other_value_reads_back_exactly(value: str) -> None:
    assert restore(neutralise(value)) == value
    assert not neutralise(value).startswith(("=", "+", "-", "@", "\t", "\r"))
