"""Reading one spreadsheet row into a card: the modal's field rules, and everything the
duplicate check and the write need from the row alone (its probes, match keys and search
terms). Pure and row by row, so a big file's rows can be read in other processes while the
database work of earlier rows goes on."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from bot.customers.form import (
    CustomerDraft,
    CustomerForm,
    FormInvalid,
    Message,
    customer_form_from_text,
    parse_customer_form,
)
from bot.customers.keys import (
    CardFacts,
    Key,
    draft_facts,
    keys_besides_short_name,
    probes,
    short_name_keys,
    terms_besides_short_name,
    with_short_name_term,
)
from bot.customers.names import CompanyName, read_company_name
from bot.imports.csvfile import cell_problems
from bot.imports.report import RowProblem

USER_ID = re.compile(r"[UW][A-Z0-9_]{2,}")


@dataclass(frozen=True)
class ReadRow:
    """A row that follows the field rules, with what its card would be indexed by."""

    number: int  # the spreadsheet's row number
    draft: CustomerDraft
    name: CompanyName  # its legal name read: the duplicate check compares names
    probes: frozenset[Key]  # what to look up among existing cards
    name_keys: frozenset[Key]  # its match keys but its short name's
    name_terms: dict[str, int]  # its search terms and their weights, but its short name's

    @cached_property  # made where it is used: not sent between processes
    def facts(self) -> CardFacts:
        return draft_facts(self.draft)

    @cached_property  # the check and the write both want them
    def keys(self) -> frozenset[Key]:
        return self.name_keys | short_name_keys(self.draft.handle)

    @property
    def terms(self) -> dict[str, int]:
        return with_short_name_term(self.name_terms, self.draft.handle)


Read = ReadRow | list[RowProblem]


def read_chunk(chunk: list[tuple[int, dict[str, str]]], region: str, manager_id: str) -> list[Read]:
    """Each numbered row read: a `ReadRow`, or the problems that refuse it."""
    return [read_row(number, row, region, manager_id) for number, row in chunk]


def read_row(number: int, row: dict[str, str], region: str, manager_id: str) -> Read:
    if problems := cell_problems(number, row):
        return problems
    if row.get("manager_id") and not USER_ID.fullmatch(row["manager_id"]):
        return [RowProblem(number, "manager_id", Message("import.manager_invalid"))]
    try:
        draft = parse_customer_form(_form(row), region=region, actor_id=manager_id)
    except FormInvalid as invalid:
        return [RowProblem(number, f, m) for f, m in invalid.errors.items()]
    facts = draft_facts(draft)
    return ReadRow(
        number=number,
        draft=draft,
        name=read_company_name(draft.legal_name),
        probes=frozenset(probes(facts)),
        name_keys=frozenset(keys_besides_short_name(facts)),
        name_terms=terms_besides_short_name(
            facts, draft.phone.search_digits() if draft.phone else []
        ),
    )


def with_handle(read: ReadRow, handle: str) -> ReadRow:
    """The same row under another short name (its own was taken); the row itself, with what
    it has made already (its facts, its keys), when the name is its own."""
    if handle == read.draft.handle:
        return read
    return replace(read, draft=replace(read.draft, handle=handle))


def _form(row: dict[str, str]) -> CustomerForm:
    values = {k: v for k, v in row.items() if k in CustomerForm.__dataclass_fields__ and v}
    return customer_form_from_text(values)
