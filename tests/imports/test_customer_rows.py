"""A row read for import carries what its card will be indexed by; under another short name
(its own was taken) it is indexed as a card made with that name would be."""

from __future__ import annotations

from bot.customers.fields import Phone
from bot.customers.keys import card_keys, card_terms, draft_facts
from bot.imports.customer_rows import ReadRow, read_row, with_handle


def indexed_as_a_card(read: ReadRow) -> tuple[set, dict[str, int]]:
    facts = draft_facts(read.draft)
    phone = read.draft.phone or Phone("", "")
    return card_keys(facts), card_terms(facts, phone.search_digits() if phone.e164 else [])


def test_a_row_has_the_keys_and_terms_of_the_card_it_becomes() -> None:
    read = read_row(2, {"legal_name": "上海金科电子有限公司", "phone": "021-63539330"}, "CN", "U1")

    assert isinstance(read, ReadRow)
    assert (set(read.keys), read.terms) == indexed_as_a_card(read)


def test_under_another_short_name_its_keys_and_terms_follow() -> None:
    read = read_row(2, {"legal_name": "Northgate Logistics Ltd", "short_name": "NG"}, "CN", "U1")
    assert isinstance(read, ReadRow)

    renamed = with_handle(read, "NG2")

    assert ("short", "ng2") in renamed.keys and ("short", "ng") not in renamed.keys
    assert renamed.terms["ng2"] == 100 and "ng" not in renamed.terms
    assert (set(renamed.keys), renamed.terms) == indexed_as_a_card(renamed)
    assert renamed.facts.handle == "NG2"
