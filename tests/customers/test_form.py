"""The card form's rules on numbers people type: a level is read in any digits int() reads
(full-width ３ too), and refused on its field otherwise — never a traceback."""

from __future__ import annotations

import pytest

from bot.customers.form import (
    CustomerForm,
    FormInvalid,
    StatusRequest,
    parse_customer_form,
    parse_status_command,
)


def test_a_level_in_digits_that_are_no_number_is_refused_on_its_field() -> None:
    """The fuzzer found ① and ❶ taken for digits by the brief setting; the form, and with it
    every CSV row, made the same mistake (isdigit is true for them, int() cannot read them)."""
    form = CustomerForm(legal_name="惠普中国有限公司", level="❶", security_level="፩")

    with pytest.raises(FormInvalid) as refused:
        parse_customer_form(form, region="CN", actor_id="U_LI")

    assert set(refused.value.errors) == {"level", "security_level"}


def test_a_level_in_full_width_digits_is_read() -> None:
    form = CustomerForm(legal_name="惠普中国有限公司", level="３", security_level="２")

    draft = parse_customer_form(form, region="CN", actor_id="U_LI")

    assert (draft.level, draft.security_level) == (3, 2)


def test_a_status_command_with_a_level_in_digits_that_are_no_number_is_unreadable() -> None:
    assert parse_status_command("hp 潜在 ❶") is None
    assert parse_status_command("hp 潜在 ３") == StatusRequest("hp", "potential", 3)
