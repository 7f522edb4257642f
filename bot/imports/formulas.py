"""Spreadsheet formulas hidden in data (OWASP "CSV injection"): Excel runs a cell that starts
with = + - @, a tab or a carriage return, and a note or a log line can hold any text.

Exports put a single quote in front of such a cell, which Excel shows as text; imports take
that quote off again. A value that already starts with quotes before one of those characters
gets one more, so the pair is exact and every export reads back as it was."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def restore(cell: str) -> str:
    return (
        cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell
    )
