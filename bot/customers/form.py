"""What a person typed into the card and contact modals, and the rules it must follow.

`CustomerForm` holds raw text as typed; `parse_customer_form` applies the seed's field
rules and returns a `CustomerDraft` or raises `FormInvalid` with one message per field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from bot.customers.fields import (
    FieldError,
    Phone,
    read_credit_code,
    read_email,
    read_phone,
    read_website,
)
from bot.customers.names import (
    HANDLE_PATTERN,
    is_han,
    normalize,
    read_company_name,
    suggest_short_name,
)
from bot.errors import Invalid, Message

T = TypeVar("T")

STATUSES = ("invalid", "basic", "potential", "success")
STATUS_WORDS = {
    "invalid": "invalid",
    "无效": "invalid",
    "basic": "basic",
    "基础": "basic",
    "potential": "potential",
    "潜在": "potential",
    "success": "success",
    "成功": "success",
}
LEVELS = range(1, 8)
SECURITY_LEVELS = range(0, 10)
SALUTATIONS = ("mr", "ms", "dr", "prof")
SALUTATION_WORDS = {  # the codes, and the labels a spreadsheet (or an export) writes
    **{code: code for code in SALUTATIONS},
    **{f"{code}.": code for code in SALUTATIONS},
    "先生": "mr",
    "女士": "ms",
    "博士": "dr",
    "教授": "prof",
}
LIMITS = {
    "legal_name": 200,
    "address": 300,
    "province": 50,
    "city": 50,
    "county": 50,
    "notes": 3000,
    "name": 100,
    "title": 100,
}


class FormInvalid(Invalid):
    """A form (modal, command, CSV row) breaks the card's field rules."""


@dataclass(frozen=True)
class CustomerForm:
    legal_name: str = ""
    short_name: str = ""
    credit_code: str = ""
    address: str = ""
    province: str = ""
    city: str = ""
    county: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""
    status: str = "basic"
    level: str = "1"
    manager_id: str = ""
    security_level: str = "0"
    different_company: bool = False


_BLANK_FORM = CustomerForm()


@dataclass(frozen=True)
class CustomerDraft:
    legal_name: str
    handle: str
    handle_suggested: bool  # the person left the short name empty: we may adjust it
    address: str
    province: str
    city: str
    county: str
    phone: Phone | None
    email: str
    website: str
    notes: str
    status: str
    level: int
    manager_id: str
    security_level: int
    credit_code: str = ""  # 统一社会信用代码, or ""


@dataclass(frozen=True)
class ContactForm:
    salutation: str = ""
    name: str = ""
    title: str = ""
    office_phone: str = ""
    home_phone: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class ContactDraft:
    salutation: str
    name: str
    title: str
    office_phone: Phone | None
    home_phone: Phone | None
    mobile: Phone | None
    email: str


def parse_customer_form(form: CustomerForm, *, region: str, actor_id: str) -> CustomerDraft:
    errors: dict[str, Message] = {}
    reader = _Reader(errors, region)
    legal_name = reader.text("legal_name", form.legal_name, required=True)
    if legal_name and "legal_name" not in errors:
        if not read_company_name(legal_name).core:
            errors["legal_name"] = Message("field.legal_name.not_a_name")
        elif is_han(legal_name) and sum(map(is_han, legal_name)) < 4:
            errors["legal_name"] = Message("field.legal_name.not_full", {"name": legal_name})
    handle = form.short_name.strip() or (suggest_short_name(legal_name) if legal_name else "")
    if handle and not HANDLE_PATTERN.match(handle):
        errors["short_name"] = Message("field.short_name.invalid")
    draft = CustomerDraft(
        legal_name=legal_name,
        handle=handle,
        handle_suggested=not form.short_name.strip(),
        address=reader.text("address", form.address),
        province=reader.text("province", form.province),
        city=reader.text("city", form.city),
        county=reader.text("county", form.county),
        phone=reader.phone("phone", form.phone),
        email=reader.email("email", form.email),
        website=reader.website("website", form.website),
        notes=reader.text("notes", form.notes),
        status=reader.choice("status", form.status, STATUS_WORDS),
        level=reader.number("level", form.level, LEVELS),
        manager_id=form.manager_id.strip() or actor_id,
        security_level=reader.number("security_level", form.security_level, SECURITY_LEVELS),
        credit_code=reader.credit_code("credit_code", form.credit_code),
    )
    if errors:
        raise FormInvalid(errors)
    return draft


def parse_contact_form(form: ContactForm, *, region: str) -> ContactDraft:
    errors: dict[str, Message] = {}
    reader = _Reader(errors, region)
    draft = ContactDraft(
        salutation=reader.choice("salutation", form.salutation, SALUTATION_WORDS)
        if form.salutation.strip()
        else "",
        name=reader.text("name", form.name, required=True),
        title=reader.text("title", form.title),
        office_phone=reader.phone("office_phone", form.office_phone),
        home_phone=reader.phone("home_phone", form.home_phone),
        mobile=reader.phone("mobile", form.mobile),
        email=reader.email("email", form.email),
    )
    if errors:
        raise FormInvalid(errors)
    return draft


class _Reader:
    """Reads fields one by one, collecting an error per field instead of stopping."""

    def __init__(self, errors: dict[str, Message], region: str) -> None:
        self.errors = errors
        self.region = region

    def text(self, name: str, raw: str, *, required: bool = False) -> str:
        value = raw.strip()
        if required and not value:
            self.errors[name] = Message(f"field.{name}.required")
        elif len(value) > LIMITS[name]:
            self.errors[name] = Message("field.too_long", {"limit": LIMITS[name]})
        return value

    def phone(self, name: str, raw: str) -> Phone | None:
        return self._field(name, raw, lambda text: read_phone(text, region=self.region))

    def email(self, name: str, raw: str) -> str:
        return self._field(name, raw, read_email) or ""

    def website(self, name: str, raw: str) -> str:
        return self._field(name, raw, read_website) or ""

    def credit_code(self, name: str, raw: str) -> str:
        return self._field(name, raw, read_credit_code) or ""

    def choice(self, name: str, raw: str, words: dict[str, str]) -> str:
        value = words.get(normalize(raw))
        if value is None:
            self.errors[name] = Message(f"field.{name}.invalid")
            return ""
        return value

    def number(self, name: str, raw: str, allowed: range) -> int:
        text = normalize(raw)
        if not text.isdecimal() or int(text) not in allowed:  # not isdigit: ❶ is one
            self.errors[name] = Message(
                f"field.{name}.invalid", {"low": allowed.start, "high": allowed.stop - 1}
            )
            return allowed.start
        return int(text)

    def _field(self, name: str, raw: str, read: Callable[[str], T]) -> T | None:
        if not raw.strip():
            return None
        try:
            return read(raw)
        except FieldError as error:
            self.errors[name] = Message(error.key)
            return None


@dataclass(frozen=True)
class StatusRequest:
    customer: str
    status: str
    level: int | None


def parse_status_command(text: str) -> StatusRequest | None:
    """`hp potential 3`, `惠普 潜在`, `Jinke Electronics success 7`; None when unreadable."""
    words = text.split()
    level = None
    if len(words) >= 3 and normalize(words[-1]).isdecimal():
        level = int(normalize(words.pop()))
        if level not in LEVELS:
            return None
    if len(words) < 2 or (status := STATUS_WORDS.get(normalize(words[-1]))) is None:
        return None
    return StatusRequest(customer=" ".join(words[:-1]), status=status, level=level)


def customer_form_of(values: dict[str, object]) -> CustomerForm:
    """A form prefilled from a card's stored values (for the edit modal)."""
    return customer_form_from_text({k: str(v) for k, v in values.items()})


def customer_form_from_text(
    values: Mapping[str, str], *, different_company: bool = False
) -> CustomerForm:
    """The form from its fields' text (a modal's, a card's or an import row's); a field not in
    `values` keeps its default, and names that are no field of the form are left out."""

    def text(name: str) -> str:
        default: str = getattr(_BLANK_FORM, name)
        return values.get(name, default)

    return CustomerForm(
        legal_name=text("legal_name"),
        short_name=text("short_name"),
        credit_code=text("credit_code"),
        address=text("address"),
        province=text("province"),
        city=text("city"),
        county=text("county"),
        phone=text("phone"),
        email=text("email"),
        website=text("website"),
        notes=text("notes"),
        status=text("status"),
        level=text("level"),
        manager_id=text("manager_id"),
        security_level=text("security_level"),
        different_company=different_company,
    )
