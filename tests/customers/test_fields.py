"""Phones, email and websites as the seed writes them (004: 电话, 电子邮件, 网站)."""

from __future__ import annotations

import pytest

from bot.customers.fields import (
    FieldError,
    Phone,
    company_domain,
    read_credit_code,
    read_email,
    read_phone,
    read_website,
)


@pytest.mark.parametrize(
    ("typed", "e164", "extension"),
    [
        ("021-63539330-1010", "+862163539330", "1010"),
        ("021-63539330转1010", "+862163539330", "1010"),
        ("(021) 6353 9330 ext 1010", "+862163539330", "1010"),
        ("021 6353 9330 分机 1010", "+862163539330", "1010"),
        ("021-63539330", "+862163539330", ""),
        ("０２１－６３５３９３３０", "+862163539330", ""),
        ("0755-8888-1234", "+8675588881234", ""),
        ("138 0013 8000", "+8613800138000", ""),
        ("+1 212 555 0147", "+12125550147", ""),
        ("+86 21 6353 9330 ext. 1010", "+862163539330", "1010"),
    ],
)
def test_phones_are_stored_as_e164_with_the_extension_apart(
    typed: str, e164: str, extension: str
) -> None:
    assert read_phone(typed) == Phone(e164, extension)


@pytest.mark.parametrize("typed", ["63539330", "hello", "12", "021-6353", "+1 555"])
def test_numbers_that_cannot_be_dialled_are_refused(typed: str) -> None:
    with pytest.raises(FieldError) as refused:
        read_phone(typed)
    assert refused.value.key == "field.phone.invalid"


def test_phones_show_nationally_at_home_and_internationally_abroad() -> None:
    assert Phone("+862163539330", "1010").formatted() == "021 6353 9330 ext. 1010"
    assert Phone("+862163539330", "1010").formatted(extension_word="转") == "021 6353 9330 转 1010"
    assert Phone("+12125550147", "").formatted() == "+1 212-555-0147"


def test_the_default_region_is_configurable() -> None:
    assert read_phone("(212) 555-0147", region="US").e164 == "+12125550147"


def test_a_landline_is_found_by_its_local_number() -> None:
    assert "63539330" in Phone("+862163539330", "").search_digits()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("http://www.OA.com.cn", "www.oa.com.cn"),
        ("https://www.oa.com.cn/", "www.oa.com.cn"),
        ("www.OA.com.cn", "www.oa.com.cn"),
        ("hp.com/cn", "hp.com/cn"),
    ],
)
def test_websites_are_stored_without_the_scheme(typed: str, stored: str) -> None:
    assert read_website(typed) == stored


@pytest.mark.parametrize("typed", ["not a site", "localhost", "http://", "www.example.invalidtld"])
def test_things_that_are_not_websites_are_refused(typed: str) -> None:
    with pytest.raises(FieldError):
        read_website(typed)


def test_emails_are_checked_without_the_network() -> None:
    assert read_email("contact@OA.com.cn") == "contact@oa.com.cn"
    with pytest.raises(FieldError):
        read_email("contact@")


def test_free_mail_says_nothing_about_the_company() -> None:
    assert company_domain("www.oa.com.cn") == "oa.com.cn"
    assert company_domain("li@oa.com.cn") == "oa.com.cn"
    assert company_domain("li@163.com") is None
    assert company_domain("someone@gmail.com") is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("91350100M000100Y43", "91350100M000100Y43"),
        ("91350100m000100y43", "91350100M000100Y43"),
        ("9135 0100 M000 100Y 43", "91350100M000100Y43"),
        ("９１１１００００８０２１００４３３Ｂ", "91110000802100433B"),  # full-width
    ],
)
def test_a_unified_social_credit_code_is_read_and_checked(typed: str, stored: str) -> None:
    assert read_credit_code(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000I00Y43",  # I is not used in credit codes
        "not a code at all!",
    ],
)
def test_a_wrong_credit_code_is_refused(typed: str) -> None:
    with pytest.raises(FieldError) as refused:
        read_credit_code(typed)
    assert refused.value.key == "field.credit_code.invalid"
