"""Splitting what people type after a slash command; a form's choice of a row, by id."""

from __future__ import annotations


def split_subcommand(text: str | None) -> tuple[str, str]:
    """`"new 惠普 中国"` → `("new", "惠普 中国")`; the subcommand is case-insensitive."""
    head, _, rest = (text or "").strip().partition(" ")
    return head.lower(), rest.strip()


ID_MAX = 2**31 - 1  # the id columns' range on PostgreSQL (integer): a larger number is no row


def row_id(text: str) -> int | None:
    """The id a form's value names, None for one no row can have (a forged value: past the
    columns' range, a driver would fail on it rather than find nothing)."""
    try:
        number = int(text) if text.strip().isdigit() else 0
    except ValueError:  # a digit that is no decimal digit: "²"
        return None
    return number if 0 < number <= ID_MAX else None


def chosen_row(text: str) -> int | None:
    """A form's choice of a row by its id: None when none was chosen (no number), and 0,
    which no row has, for a number no row can have, so that looking it up finds nothing."""
    if not text.strip().isdigit():
        return None
    return row_id(text) or 0
