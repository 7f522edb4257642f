"""A card's phone, email and website fields: a stored value or `FieldError`."""

from __future__ import annotations

from bench.fuzz.inputs import noted, region_of, text_of
from bot.customers.fields import FieldError, company_domain, read_email, read_phone, read_website


def fuzz_phone(data: bytes) -> None:
    text, region = text_of(data), region_of(data)
    with noted(region=region):
        try:
            phone = read_phone(text, region=region)
        except FieldError:
            return
        phone.formatted(home_region=region)
        phone.formatted(home_region="ZZ", extension_word="转")
        phone.search_digits()


def fuzz_email(data: bytes) -> None:
    try:
        address = read_email(text_of(data))
    except FieldError:
        return
    company_domain(address)


def fuzz_website(data: bytes) -> None:
    try:
        site = read_website(text_of(data))
    except FieldError:
        return
    company_domain(site)
