"""The customer card and contact modals, and their readers (build → read is a round trip)."""

from __future__ import annotations

import json
from typing import Any

from bot.customers.form import (
    LEVELS,
    SALUTATIONS,
    SECURITY_LEVELS,
    STATUSES,
    ContactForm,
    CustomerForm,
    customer_form_from_text,
)
from bot.i18n import Lang, t
from bot.views import ids
from bot.views.blocks import MODAL_TITLE_LIMIT, clip
from bot.views.inputs import checkbox_input, plain, select_input, state_text, text_input, user_input

View = dict[str, Any]


def build_customer_modal(
    lang: Lang, form: CustomerForm, *, metadata: dict[str, Any], editing: bool = False
) -> View:
    def label(name: str) -> str:
        return t(f"label.{name}", lang)

    blocks = [
        text_input(
            "legal_name",
            label("legal_name"),
            initial=form.legal_name,
            hint=t("hint.legal_name", lang),
            optional=False,
        ),
        text_input(
            "short_name",
            label("short_name"),
            initial=form.short_name,
            hint=t("hint.short_name", lang),
            max_length=32,
        ),
        text_input(
            "credit_code",
            label("credit_code"),
            initial=form.credit_code,
            hint=t("hint.credit_code", lang),
            max_length=40,
        ),
        text_input("address", label("address"), initial=form.address, max_length=300),
        text_input("province", label("province"), initial=form.province, max_length=50),
        text_input("city", label("city"), initial=form.city, max_length=50),
        text_input("county", label("county"), initial=form.county, max_length=50),
        text_input(
            "phone", label("phone"), initial=form.phone, hint=t("hint.phone", lang), max_length=40
        ),
        text_input("email", label("email"), initial=form.email, max_length=254),
        text_input(
            "website",
            label("website"),
            initial=form.website,
            hint=t("hint.website", lang),
            max_length=300,
        ),
        text_input(
            "notes",
            label("notes"),
            initial=form.notes,
            hint=t("hint.notes", lang),
            multiline=True,
            max_length=3000,
        ),
        select_input(
            "status",
            label("status"),
            [(t(f"status.{s}", lang), s) for s in STATUSES],
            initial=form.status,
        ),
        select_input(
            "level", label("level"), [(str(n), str(n)) for n in LEVELS], initial=form.level
        ),
        user_input("manager_id", label("manager"), initial=form.manager_id),
        select_input(
            "security_level",
            label("security_level"),
            [(str(n), str(n)) for n in SECURITY_LEVELS],
            initial=form.security_level,
        ),
        checkbox_input(
            "different_company", label("different_company"), t("option.different_company", lang)
        ),
    ]
    title = t("modal.customer.edit" if editing else "modal.customer.new", lang)
    callback = ids.CUSTOMER_EDIT_VIEW if editing else ids.CUSTOMER_NEW_VIEW
    return modal_view(callback, title, lang, blocks, metadata)


def read_customer_form(view: View) -> CustomerForm:
    values = {name: state_text(view, name) for name in CustomerForm.__dataclass_fields__}
    for name, default in (("status", "basic"), ("level", "1"), ("security_level", "0")):
        values[name] = values[name] or default
    return customer_form_from_text(values, different_company=values["different_company"] == "yes")


def build_contact_modal(
    lang: Lang, form: ContactForm, *, metadata: dict[str, Any], editing: bool = False
) -> View:
    def label(name: str) -> str:
        return t(f"label.{name}", lang)

    salutations = [(t(f"salutation.{s}", lang), s) for s in SALUTATIONS]
    blocks = [
        select_input(
            "salutation", label("salutation"), salutations, initial=form.salutation, optional=True
        ),
        text_input(
            "name", label("contact_name"), initial=form.name, optional=False, max_length=100
        ),
        text_input("title", label("title"), initial=form.title, max_length=100),
        text_input(
            "office_phone",
            label("office_phone"),
            initial=form.office_phone,
            hint=t("hint.phone", lang),
            max_length=40,
        ),
        text_input("home_phone", label("home_phone"), initial=form.home_phone, max_length=40),
        text_input("mobile", label("mobile"), initial=form.mobile, max_length=40),
        text_input("email", label("email"), initial=form.email, max_length=254),
    ]
    title = t("modal.contact.edit" if editing else "modal.contact.add", lang)
    callback = ids.CONTACT_EDIT_VIEW if editing else ids.CONTACT_ADD_VIEW
    return modal_view(callback, title, lang, blocks, metadata)


def read_contact_form(view: View) -> ContactForm:
    return ContactForm(
        **{name: state_text(view, name) for name in ContactForm.__dataclass_fields__}
    )


def read_metadata(view: View) -> dict[str, Any]:
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return metadata if isinstance(metadata, dict) else {}


def field_errors(errors: dict[str, str]) -> dict[str, str]:
    """Field name → message, keyed by block id as `response_action: errors` wants."""
    return {ids.field_block(name): clip(message, 2000) for name, message in errors.items()}


def modal_view(
    callback: str, title: str, lang: Lang, blocks: list[dict[str, Any]], metadata: dict[str, Any]
) -> View:
    return {
        "type": "modal",
        "callback_id": callback,
        "title": plain(clip(title, MODAL_TITLE_LIMIT)),
        "submit": plain(t("modal.save", lang), MODAL_TITLE_LIMIT),
        "close": plain(t("modal.cancel", lang), MODAL_TITLE_LIMIT),
        "private_metadata": json.dumps(metadata)[:3000],
        "blocks": blocks,
    }
