"""What people type after a slash command, and a form's choice of a row by its id."""

from __future__ import annotations

import pytest

from bot.parsing import ID_MAX, chosen_row, row_id, split_subcommand


@pytest.mark.parametrize(
    ("typed", "split"),
    [("new 惠普 中国", ("new", "惠普 中国")), ("  FIND  hp ", ("find", "hp")), ("", ("", ""))],
)
def test_the_subcommand_is_the_first_word_in_lower_case(typed: str, split: tuple) -> None:
    assert split_subcommand(typed) == split


@pytest.mark.parametrize(
    ("value", "row"),
    [
        ("42", 42),
        (str(ID_MAX), ID_MAX),
        (str(ID_MAX + 1), None),  # past PostgreSQL's integer ids: no row
        ("99999999999999999999", None),  # past SQLite's too: the driver would fail on it
        ("0", None),
        ("-3", None),
        ("²", None),  # a digit, not a decimal one: int() refuses it
        ("", None),
        ("abc", None),
    ],
)
def test_a_forms_value_names_a_row_only_within_the_id_columns_range(
    value: str, row: int | None
) -> None:
    assert row_id(value) == row


@pytest.mark.parametrize(
    ("value", "chosen"),
    [("42", 42), ("", None), ("none", None), ("0", 0), ("99999999999999999999", 0), ("²", 0)],
)
def test_a_choice_no_row_can_have_is_looked_up_as_0_which_finds_nothing(
    value: str, chosen: int | None
) -> None:
    assert chosen_row(value) == chosen
