"""The unified social credit code (统一社会信用代码): an optional card field, checked, the
strongest evidence of a duplicate, and read from a spreadsheet column."""

from __future__ import annotations

import pytest

from bot.customers.form import CustomerForm, FormInvalid, parse_customer_form
from bot.imports.csvfile import read_table
from bot.imports.customers import import_customers
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create


def test_the_form_refuses_a_code_whose_check_character_is_wrong() -> None:
    form = CustomerForm(legal_name="惠普中国有限公司", credit_code="91350100M000100Y44")

    with pytest.raises(FormInvalid) as refused:
        parse_customer_form(form, region="CN", actor_id="U1")

    assert refused.value.errors["credit_code"].key == "field.credit_code.invalid"


async def test_an_imported_code_is_kept_and_a_second_row_with_it_is_a_duplicate(
    db: Database, create: Create
) -> None:
    table = read_table(
        "名称,统一社会信用代码\n"
        "惠普中国有限公司,91350100M000100Y43\n"
        "东方自动化有限公司,91350100m000100y43\n".encode(),
        "customers",
    )

    report = await import_customers(
        db, table.rows, team_id=TEAM, manager_id="U_MGR", region="CN", now=NOW, dry_run=False
    )

    assert report.imported == 1
    assert [(p.row, p.message.key) for p in report.problems] == [(3, "import.duplicate_row")]
    async with db.transaction() as session:
        from bot.customers.search import find_customers

        (found,) = await find_customers(session=session, team_id=TEAM, text="91350100M000100Y43")
    assert (found.customer.legal_name, found.customer.credit_code) == (
        "惠普中国有限公司",
        "91350100M000100Y43",
    )
