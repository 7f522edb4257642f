"""The customer card as a message, and the lists that lead to it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.customers.cards import CustomerCard
from bot.customers.fields import Phone
from bot.customers.health import Health
from bot.customers.search import FoundCustomer
from bot.i18n import Lang, t
from bot.store.models import Contact, Customer
from bot.views import ids
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    context,
    divider,
    header,
    md,
    mention,
    moment,
    mrkdwn_text,
    section,
)
from bot.views.health import health_block, health_short
from bot.views.inputs import button, option
from bot.views.plan import channel_mentions, milestone_block, more_block, plan_lines
from bot.views.roles import contact_role_text
from bot.views.sales_card import sales_blocks
from bot.views.timeline import follow_up_blocks, timeline_blocks

CONTACTS_SHOWN = 10  # with plan, milestones and timeline, the card stays within 50 blocks


def build_customer_card(
    card: CustomerCard, lang: Lang, *, tz: ZoneInfo, home_region: str = "CN"
) -> Reply:
    """The card as `lang`'s reader sees it, moments in their zone `tz`."""
    customer = card.customer
    if not card.may_see:  # made for someone else: said so, with nothing to press
        text = md(
            "customer.saved_out_of_sight",
            lang,
            name=customer.legal_name,
            handle=customer.handle,
            manager=mention(customer.manager_id),
        )
        return Reply(text=text, blocks=[section(text)])
    blocks: list[Block] = [
        header(customer.legal_name, block_id=ids.CARD_HEADER),
        _facts_block(customer, lang, home_region),
    ]
    if card.health is not None:
        blocks.append(health_block(card.health, lang))
    place = " ".join(
        p for p in (customer.province, customer.city, customer.county, customer.address) if p
    )
    titled = Mrkdwn("*{}*\n{}")
    if place:
        blocks.append(section(titled.format(t("card.address", lang), place)))
    if customer.notes:
        blocks.append(section(titled.format(t("card.notes", lang), customer.notes)))
    blocks += [divider(), section(Mrkdwn("*{}*").format(t("card.contacts", lang)))]
    blocks += [
        _contact_block(
            c,
            customer,
            lang,
            home_region,
            contact_role_text(card.roles.get(c.id or 0), lang),
            menu=card.may_edit,
        )
        for c in card.contacts[:CONTACTS_SHOWN]
    ]
    if not card.contacts:
        blocks.append(context(t("card.no_contacts", lang)))
    elif len(card.contacts) > CONTACTS_SHOWN:
        blocks.append(
            context(t("card.more_contacts", lang, count=len(card.contacts) - CONTACTS_SHOWN))
        )
    blocks += [
        divider(),
        *_plan_blocks(card, lang, tz),
        *follow_up_blocks(card.follow_ups, lang, card.as_of),
        *_more_follow_ups(card, lang),
        *timeline_blocks(customer, card.records, lang, may_edit=card.may_edit, reader=card.reader),
    ]
    blocks += [
        _card_actions(customer, lang, may_edit=card.may_edit),
        # deals, contracts, projects, documents
        *sales_blocks(
            customer,
            card.sales,
            lang,
            may_edit=card.may_edit,
            as_of=card.as_of,
            tz=tz,
        ),
        context(
            md(
                "card.updated",
                lang,
                when=moment(customer.updated_at, lang, tz),
                who=mention(customer.updated_by or customer.created_by),
            )
        ),
    ]
    return Reply(text=f"{customer.legal_name} ({customer.handle})", blocks=blocks)


def build_find_results(
    found: list[FoundCustomer],
    text: str,
    lang: Lang,
    *,
    ambiguous: bool = False,
    health: dict[int, Health] | None = None,
    more: bool = False,
) -> Reply:
    """The cards found, best first; with `more`, a line saying others match too."""
    if not found:
        return build_not_found(text, lang)
    which = "customer.which_one" if len(found) == 1 else "customer.which"
    title = md(which if ambiguous else "customer.found", lang, text=text[:80])
    blocks = [section(title, block_id=ids.FIND_RESULTS)]
    for item in found:
        c = item.customer
        line = Mrkdwn("*{}* ({}) · {} {} · {}{}{}").format(
            c.legal_name,
            c.handle,
            t(f"status.{c.status}", lang),
            c.level,
            mention(c.manager_id),
            f" · {c.value_tier}" if c.value_tier else "",
            f" · {health_short(health[c.id], lang)}" if health and c.id in health else "",
        )
        block = section(line)
        block["accessory"] = button(t("customer.open", lang), ids.OPEN_CARD, str(c.id))
        blocks.append(block)
    if more:
        blocks.append(context(md("customer.found_more", lang, shown=len(found))))
    return Reply(text=title, blocks=blocks)


def build_shared_card(card: Reply, shared_by: str, lang: Lang) -> Reply:
    """A card shared in a channel: everyone there reads it, with who shared it."""
    shared = context(md("customer.shared_by", lang, who=mention(shared_by)))
    return Reply(text=card.text, blocks=[*card.blocks, shared][:MESSAGE_BLOCK_LIMIT])


def build_archived(customer: Customer, lang: Lang) -> Reply:
    """A card named by its short name that is archived: name it, and how to get it back."""
    message = md("archive.is_archived", lang, name=customer.legal_name, handle=customer.handle)
    return Reply(text=message, blocks=[section(message)])


def build_not_found(text: str, lang: Lang, *, message: Mrkdwn | None = None) -> Reply:
    """Nothing matches `text`: say so (in `message`'s words), and offer to create it."""
    message = message or md("customer.not_found", lang, text=text[:80])
    block = section(message)
    block["accessory"] = button(
        t("customer.create_named", lang, text=text[:40]), ids.CREATE_NAMED, text[:200]
    )
    return Reply(text=message, blocks=[block])


def _plan_blocks(card: CustomerCard, lang: Lang, tz: ZoneInfo) -> list[Block]:
    """The current phase's plan, the next milestones and the project channels."""
    title = t("card.plan", lang, phase=t(f"phase.{card.customer.phase}", lang))
    lines = plan_lines(card.plan, card.contacts, lang, tz)
    blocks = [section(Mrkdwn("*{}*\n").format(title) + Mrkdwn("\n").join(lines))]
    if card.milestones:
        blocks.append(section(Mrkdwn("*{}*").format(t("card.milestones", lang))))
        blocks += [
            milestone_block(m, lang, card.sales.project_names, card.as_of, may_mark=card.may_edit)
            for m in card.milestones
        ]
    if card.milestones_total > len(card.milestones):  # the plan lists them all
        left = card.milestones_total - len(card.milestones)
        handle = card.customer.handle
        blocks.append(context(md("list.more_milestones", lang, count=left, handle=handle)))
    channels = channel_mentions(card.channels, t("card.channels", lang), lang)
    return blocks if channels is None else [*blocks, channels]


def _more_follow_ups(card: CustomerCard, lang: Lang) -> list[Block]:
    """The card lists the first open follow-ups; a button lists them all."""
    if card.follow_ups_total <= len(card.follow_ups):
        return []
    shown, total = len(card.follow_ups), card.follow_ups_total
    return [more_block(card.customer, shown, total, ids.FOLLOW_UPS_MORE, lang)]


def _facts_block(customer: Customer, lang: Lang, home_region: str) -> Block:
    status = t(
        "card.status_value", lang, status=t(f"status.{customer.status}", lang), level=customer.level
    )
    facts: list[tuple[str, str]] = [
        ("card.short_name", customer.handle),
        ("card.status", status),
        ("card.manager", mention(customer.manager_id)),
        ("card.phase", t(f"phase.{customer.phase}", lang)),
    ]
    if customer.phone_e164:
        facts.append(
            ("card.phone", _phone(customer.phone_e164, customer.phone_ext, lang, home_region))
        )
    if customer.email:
        facts.append(("card.email", customer.email))
    if customer.website:
        facts.append(("card.website", customer.website))  # the seed: written without http:
    if customer.credit_code:
        facts.append(("card.credit_code", customer.credit_code))
    if customer.value_tier:
        facts.append(
            (
                "value.shown",
                t("value.tier", lang, tier=customer.value_tier, score=customer.value_score),
            )
        )
    facts.append(("card.security", str(customer.security_level)))
    return {
        "type": "section",
        "fields": [
            mrkdwn_text(Mrkdwn("*{}*\n{}").format(t(key, lang), value), 2000)
            for key, value in facts[:10]
        ],
    }


def _contact_block(
    contact: Contact,
    customer: Customer,
    lang: Lang,
    home_region: str,
    role: str = "",
    *,
    menu: bool = True,  # edit, remove, role: for who may change the card
) -> Block:
    name = contact.name
    if contact.salutation:
        salutation = t(f"salutation.{contact.salutation}", lang)
        name = f"{name} {salutation}" if lang == "zh" else f"{salutation} {name}"
    lines = [Mrkdwn("*{}*").format(name) + (f" · {contact.title}" if contact.title else "") + role]
    phones = [
        (t("label.office_phone", lang), contact.office_phone_e164, contact.office_phone_ext),
        (t("label.mobile", lang), contact.mobile_e164, ""),
        (t("label.home_phone", lang), contact.home_phone_e164, ""),
    ]
    details = [
        f"{label}: {_phone(e164, ext, lang, home_region)}" for label, e164, ext in phones if e164
    ]
    if contact.email:
        details.append(contact.email)
    if details:
        lines.append(Mrkdwn(" · ").join(details))
    block = section(Mrkdwn("\n").join(lines))
    if not menu:
        return block
    value = f"{customer.id}:{contact.id}"
    block["accessory"] = {
        "type": "overflow",
        "action_id": ids.CONTACT_MENU,
        "options": [
            option(t("card.contact_edit", lang), f"edit:{value}"),
            option(t("card.contact_remove", lang), f"remove:{value}"),
            option(t("role.menu", lang), f"role:{value}"),
        ],
    }
    return block


def _card_actions(customer: Customer, lang: Lang, *, may_edit: bool) -> Block:
    """Logging a contact is for whoever sees the card; the rest for who may change it."""
    value = str(customer.id)
    elements = [button(t("card.log_contact", lang), ids.LOG_FROM_CARD, value)]
    if may_edit:
        elements += [
            button(t("card.edit", lang), ids.EDIT_CARD, value),
            button(t("card.add_contact", lang), ids.ADD_CONTACT, value),
            button(t("card.change_phase", lang), ids.PHASE_OPEN, value),
            button(t("card.share", lang), ids.SHARE_CARD, value),
        ]
    return {"type": "actions", "block_id": ids.CARD_ACTIONS, "elements": elements}


def _phone(e164: str, extension: str, lang: Lang, home_region: str) -> str:
    return Phone(e164, extension).formatted(
        home_region=home_region, extension_word=t("card.extension", lang)
    )
