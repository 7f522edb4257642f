"""A CSV file end to end without a database: its encoding, its records and columns, each
row's cell rules and the card or contact rules — what `rapport import` does before it
writes. The file may be refused whole (CsvUnreadable); a row may be refused with its
problems; nothing else may happen."""

from __future__ import annotations

from bench.fuzz.harnesses.forms import contact_facts, customer_facts, index
from bot.customers.form import ContactForm, FormInvalid, parse_contact_form, parse_customer_form
from bot.imports.csvfile import CsvUnreadable, cell_problems, read_table
from bot.imports.customers import USER_ID
from bot.imports.customers import _form as customer_form  # the importer's own row → form

REGION = "CN"


def fuzz_csv_import(data: bytes) -> None:
    for kind in ("customers", "contacts"):
        try:
            table = read_table(data, kind)
        except CsvUnreadable:
            return
        for number, row in enumerate(table.rows, start=2):
            if cell_problems(number, row):
                continue
            if kind == "customers":
                _customer_row(row)
            else:
                _contact_row(row)


def _customer_row(row: dict[str, str]) -> None:
    if row.get("manager_id") and not USER_ID.fullmatch(row["manager_id"]):
        return
    try:
        draft = parse_customer_form(customer_form(row), region=REGION, actor_id="U_WANG")
    except FormInvalid:
        return
    index(customer_facts(draft))


def _contact_row(row: dict[str, str]) -> None:
    fields = {k: v for k, v in row.items() if k != "customer"}
    try:
        draft = parse_contact_form(ContactForm(**fields), region=REGION)
    except FormInvalid:
        return
    index(contact_facts(draft))
