"""Phone, email and website as the seed writes them, normalized with the field's libraries.

Each reader returns the stored value or raises `FieldError` with a catalog key.

The libraries, and the host pattern, are loaded at their first use, not when the server
starts: together about 100 ms of a start-up the issue wants under a second (issue 17); a first
use pays its part once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from bot.customers.lexicon import FREE_MAIL_DOMAINS
from bot.customers.names import normalize

if TYPE_CHECKING:
    import phonenumbers
    import tldextract


class FieldError(ValueError):
    """A field's value breaks its rule; `key` names the catalog message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Phone:
    e164: str  # +862163539330
    extension: str  # 1010, or ""

    def formatted(self, *, home_region: str = "CN", extension_word: str = "ext.") -> str:
        """National style at home (021 6353 9330), international abroad."""
        import phonenumbers

        number = phonenumbers.parse(self.e164)
        region = phonenumbers.region_code_for_number(number)
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if region == home_region
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        text = phonenumbers.format_number(number, style)
        return f"{text} {extension_word} {self.extension}" if self.extension else text

    def search_digits(self) -> list[str]:
        """Digits a person may type to find it: 862163539330, 2163539330, 63539330."""
        return list(_search_digits(self.e164))


@lru_cache(maxsize=4_096)  # a server meets every customer's number in time: bounded
def _search_digits(e164: str) -> tuple[str, ...]:
    import phonenumbers

    number = phonenumbers.parse(e164)
    national = phonenumbers.national_significant_number(number)
    area = phonenumbers.length_of_geographical_area_code(number)
    found = [e164.lstrip("+"), national]
    if area:
        found.append(national[area:])
    return tuple(dict.fromkeys(found))


_EXTENSION_WORDS = re.compile(r"\s*(转|分机|ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.I)
_TRAILING_EXTENSION = re.compile(r"^(.*\d)\s*[-－—]\s*(\d{1,6})$")


def read_phone(raw: str, *, region: str = "CN") -> Phone:
    """`021-63539330-1010`, `021-63539330转1010`, `(021) 6353 9330 ext 1010`,
    `138 0013 8000`, `+1 212 555 0147`."""
    import phonenumbers

    text = normalize(raw)
    extension = ""
    if match := _EXTENSION_WORDS.search(text):
        text, extension = text[: match.start()], match.group(2)
    number = _parse(text, region)
    if number is None and not extension and (match := _TRAILING_EXTENSION.match(text)):
        # The seed's own form: area code + number + extension, joined by dashes.
        number, extension = _parse(match.group(1), region), match.group(2)
    if number is None:
        raise FieldError("field.phone.invalid")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(e164=e164, extension=extension or (number.extension or ""))


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


# GB 32100-2015: 18 characters from 31 (no I, O, S, V, Z); the last is a check character.
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def read_credit_code(raw: str) -> str:
    """The unified social credit code (统一社会信用代码), `91350100M000100Y43`: upper case,
    spaces and dashes dropped, its check character verified."""
    code = re.sub(r"[\s\-－]", "", normalize(raw)).upper()
    if len(code) != 18 or any(c not in _CREDIT_CHARS for c in code):
        raise FieldError("field.credit_code.invalid")
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code, _CREDIT_WEIGHTS, strict=False))
    if _CREDIT_CHARS[(31 - total % 31) % 31] != code[17]:
        raise FieldError("field.credit_code.invalid")
    return code


def read_email(raw: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(normalize(raw), check_deliverability=False).normalized
    except EmailNotValidError:
        raise FieldError("field.email.invalid") from None


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


@cache
def _host() -> re.Pattern[str]:
    # Its ranges up to U+FFFF take 13 ms to compile: at the first website read, not at start.
    return re.compile(
        r"^[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?"
        r"(\.[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)+$"
    )


def read_website(raw: str) -> str:
    """`http://www.OA.com.cn/` → `www.oa.com.cn` (the seed: no `http:` in front)."""
    text = _SCHEME.sub("", normalize(raw)).rstrip("/")
    host, _, path = text.partition("/")
    if not _host().match(host) or not registered_domain(host):
        raise FieldError("field.website.invalid")
    return host + (f"/{path}" if path else "")


@cache
def _extractor() -> tldextract.TLDExtract:
    import tldextract

    # The bundled public-suffix snapshot: no network look-up, ever.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4_096)  # as above, every customer's website
def registered_domain(host: str) -> str:
    """`www.oa.com.cn` → `oa.com.cn`; `shop.example.co.uk` → `example.co.uk`."""
    parts = _extractor()(host.partition("/")[0].lower())
    return parts.top_domain_under_public_suffix


def company_domain(email_or_site: str) -> str | None:
    """The registered domain that identifies a company, or None for free mail."""
    host = email_or_site.rpartition("@")[2] if "@" in email_or_site else email_or_site
    domain = registered_domain(host)
    return domain if domain and domain not in FREE_MAIL_DOMAINS else None
