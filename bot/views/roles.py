"""Contact roles: the role form (a pair: build and read, with typed metadata), what the
person is told, and the DM that tells the account manager and their supervisors when the
card lost its decision maker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.customers.roles import ROLES, STATES, RoleChanged, RoleForm
from bot.i18n import Lang, t
from bot.store.models import Contact, Customer
from bot.store.team_models import ContactRole
from bot.views import ids
from bot.views.blocks import Mrkdwn, Reply, escape, md, mention, section
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import select_input, state_text

View = dict[str, Any]
META_CONTACT_ID = "contact_id"


@dataclass(frozen=True)
class RoleMetadata:
    customer_id: int
    contact_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {
            ids.META_CUSTOMER_ID: self.customer_id,
            META_CONTACT_ID: self.contact_id,
            ids.META_CHANNEL: self.channel,
        }


def read_role_metadata(view: View) -> RoleMetadata:
    metadata = read_metadata(view)
    return RoleMetadata(
        customer_id=int(metadata[ids.META_CUSTOMER_ID]),
        contact_id=int(metadata[META_CONTACT_ID]),
        channel=metadata.get(ids.META_CHANNEL) or None,
    )


def role_name(role: str, lang: Lang) -> str:
    return t(f"role.{role or 'none'}", lang)


def build_role_modal(
    lang: Lang, form: RoleForm, metadata: RoleMetadata, *, contact: str = ""
) -> View:
    blocks = [
        select_input(
            "role",
            t("role.label", lang),
            [*((role_name(r, lang), r) for r in ROLES), (role_name("", lang), "none")],
            initial=form.role or "none",
        ),
        select_input(
            "state",
            t("role.state_label", lang),
            [(t(f"role.state.{s}", lang), s) for s in STATES],
            initial=form.state,
        ),
    ]
    title = t("role.title", lang)
    if contact:
        blocks.insert(0, section(escape(contact)))
    return modal_view(ids.CONTACT_ROLE_VIEW, title, lang, blocks, metadata.to_metadata())


def read_role_form(view: View) -> RoleForm:
    role = state_text(view, "role")
    return RoleForm(
        role="" if role == "none" else role, state=state_text(view, "state") or "active"
    )


def contact_role_text(role: ContactRole | None, lang: Lang) -> str:
    """` · 决策人` / ` · Decision maker (left the company)` on the card's contact line."""
    if role is None or (not role.role and role.left_at is None):
        return ""
    parts = [role_name(role.role, lang)] if role.role else []
    if role.left_at is not None:
        parts.append(t("role.state.left", lang))
    return " · " + " · ".join(parts)


def build_role_changed(changed: RoleChanged, lang: Lang) -> Reply:
    text = md(
        "role.changed",
        lang,
        contact=changed.contact.name,
        name=changed.customer.legal_name,
        role=role_name(changed.form.role, lang),
        state=t(f"role.state.{changed.form.state}", lang),
    )
    if changed.lost:
        who = Mrkdwn(", ").join(mention(u) for u in changed.told)
        text += Mrkdwn("\n") + md("role.told", lang, who=who)
    return Reply(text, [section(text)])


def build_decision_maker_lost(changed: RoleChanged, lang: Lang) -> Reply:
    """To the account manager and each supervisor above them."""
    text = md(
        f"role.lost.{changed.lost}",
        lang,
        contact=changed.contact.name,
        name=changed.customer.legal_name,
        handle=changed.customer.handle,
    )
    text += " " + t("role.remains" if changed.dm_remains else "role.none_left", lang)
    return Reply(text, [section(Mrkdwn(":warning: ") + text)])


def role_option_value(customer: Customer, contact: Contact) -> str:
    return f"role:{customer.id}:{contact.id}"
