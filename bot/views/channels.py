"""Answers to /customer link and unlink, and the warnings of a channel shared with another
organization."""

from __future__ import annotations

from bot.customers.channels import Linked
from bot.i18n import Lang
from bot.store.models import Customer
from bot.views.blocks import Reply, md, mention


def build_linked(linked: Linked, customer: Customer, lang: Lang) -> Reply:
    key = "link.done" if linked.changed else "link.already"
    return Reply(md(key, lang, name=customer.legal_name, handle=customer.handle))


def build_unlinked(changed: bool, customer: Customer, lang: Lang) -> Reply:
    key = "link.removed" if changed else "link.not_linked"
    return Reply(md(key, lang, name=customer.legal_name, handle=customer.handle))


def build_link_notes(
    linked: Linked, customer: Customer, lang: Lang, *, asked_to_allow: bool
) -> Reply | None:
    """What the linker alone reads: why briefs here leave internal content out, or who
    allowed it. None when the channel is not shared."""
    names = {"name": customer.legal_name, "handle": customer.handle}
    if not linked.shared:
        return Reply(md("link.allow_not_needed", lang)) if asked_to_allow else None
    if linked.allowed_by:
        key = "link.internal_allowed" if linked.allowed_now else "link.internal_was_allowed"
        return Reply(md(key, lang, who=mention(linked.allowed_by), **names))
    key = "link.shared_warning" if linked.checked else "link.shared_unknown"
    return Reply(":warning: " + md(key, lang, **names))
