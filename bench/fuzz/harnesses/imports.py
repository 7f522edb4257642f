"""A CSV file end to end without a database: its encoding, its records and columns, each
row's cell rules and the card or contact rules — what `rapport import` does before it
writes. The file may be refused whole (CsvUnreadable); a row may be refused with its
problems; nothing else may happen."""

from __future__ import annotations

from bench.fuzz.harnesses.forms import contact_facts, index
from bot.customers.form import ContactForm, FormInvalid, parse_contact_form
from bot.imports.csvfile import CsvUnreadable, cell_problems, read_table
from bot.imports.customer_rows import read_row

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
            if kind == "customers":  # the importer's own reading: its rules, keys and terms
                read_row(number, row, REGION, "U_WANG")
            else:
                _contact_row(row)


def _contact_row(row: dict[str, str]) -> None:
    fields = {k: v for k, v in row.items() if k != "customer"}
    try:
        draft = parse_contact_form(ContactForm(**fields), region=REGION)
    except FormInvalid:
        return
    index(contact_facts(draft))
