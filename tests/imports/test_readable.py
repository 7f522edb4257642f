"""Every stored code an export writes has a label in both languages, and the import reads
each label back to its code."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.customers.form import (
    SALUTATIONS,
    STATUSES,
    ContactForm,
    CustomerForm,
    FormInvalid,
    parse_contact_form,
    parse_customer_form,
)
from bot.customers.phases import PHASES
from bot.imports.readable import label, local_time
from bot.logs.line import KINDS

CODES = [
    *(("status", c) for c in STATUSES),
    *(("salutation", c) for c in SALUTATIONS),
    *(("phase", c) for c in PHASES),
    *(("kind", c) for c in KINDS),
    *(("source", c) for c in ("command", "modal", "message")),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("kind", "code"), CODES)
def test_every_code_is_written_as_a_label(kind: str, code: str, lang: str) -> None:
    assert label(kind, code, lang) not in ("", code)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("status", STATUSES)
def test_a_status_label_reads_back(status: str, lang: str) -> None:
    form = CustomerForm(legal_name="惠普中国有限公司", status=label("status", status, lang))
    assert parse_customer_form(form, region="CN", actor_id="U1").status == status


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("salutation", SALUTATIONS)
def test_a_salutation_label_reads_back(salutation: str, lang: str) -> None:
    form = ContactForm(name="张伟", salutation=label("salutation", salutation, lang))
    assert parse_contact_form(form, region="CN").salutation == salutation


def test_an_unknown_salutation_is_refused_not_dropped() -> None:
    with pytest.raises(FormInvalid) as refused:
        parse_contact_form(ContactForm(name="张伟", salutation="经理"), region="CN")
    assert refused.value.errors["salutation"].key == "field.salutation.invalid"
    assert parse_contact_form(ContactForm(name="张伟"), region="CN").salutation == ""


def test_times_are_written_in_the_exporters_zone() -> None:
    moment = datetime(2026, 12, 9, 1, 0, tzinfo=UTC)
    assert local_time(moment, ZoneInfo("Asia/Shanghai")) == "2026-12-09 09:00"
    assert local_time(moment, ZoneInfo("America/New_York")) == "2026-12-08 20:00"
