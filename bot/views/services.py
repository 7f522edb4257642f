"""A customer's request or complaint as people read it: its targets in the reader's time,
whether it was answered and resolved in time, and its buttons; the resolution form."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.customers.service import RESOLUTION_LIMIT, breached
from bot.due.items import zone_named
from bot.i18n import Lang, t
from bot.logs.service_cases import ServiceShown
from bot.store.models import Delivery
from bot.store.record_tables import ServiceRequest
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, Reply, clip, md, mention, moment, section
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import button, state_text, text_input

View = dict[str, Any]
META_SERVICE = "service_id"


def service_lines(service: ServiceRequest, lang: Lang, tz: ZoneInfo) -> list[Mrkdwn]:
    """Its targets and where it stands, for the logged reply and the request's own view."""
    # a card whose value is not assessed gets class C's targets, and is said to be unassessed
    tier = t(f"service.tier.{service.tier}" if service.tier else "service.tier.none", lang)
    lines = [
        md(
            f"service.opened.{service.kind}",
            lang,
            respond=moment(service.respond_by, lang, tz),
            resolve=moment(service.resolve_by, lang, tz),
            tier=tier,
        )
    ]
    if service.first_response_at is not None:
        lines.append(
            md(
                "service.responded",
                lang,
                who=mention(service.first_response_by),
                when=moment(service.first_response_at, lang, tz),
            )
        )
    if service.resolved_at is not None:
        lines.append(
            md(
                "service.resolved",
                lang,
                who=mention(service.resolved_by),
                when=moment(service.resolved_at, lang, tz),
                text=clip(service.resolution, 500),
            )
        )
    return lines


def service_buttons(service: ServiceRequest, lang: Lang) -> list[dict[str, Any]]:
    if service.resolved_at is not None:
        return []
    found = []
    if service.first_response_at is None:
        found.append(
            button(t("service.button.responded", lang), ids.SERVICE_RESPONDED, str(service.id))
        )
    found.append(button(t("service.button.resolve", lang), ids.SERVICE_RESOLVE, str(service.id)))
    return found


def build_service(shown: ServiceShown, lang: Lang, tz: ZoneInfo) -> Reply:
    service, customer = shown.service, shown.customer
    title = md(
        f"service.title.{service.kind}", lang, customer=customer.legal_name, handle=customer.handle
    )
    lines = [title, *service_lines(service, lang, tz)]
    missed = breached(
        service, service.resolved_at or service.first_response_at or service.created_at
    )
    if service.resolved_at is not None and missed:
        lines.append(
            md(
                "service.missed",
                lang,
                targets=", ".join(t(f"service.target.{m}", lang) for m in missed),
            )
        )
    blocks: list[Block] = [section(Mrkdwn("\n").join(lines))]
    buttons = service_buttons(service, lang)
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return Reply(
        text=t(f"service.text.{service.kind}", lang, customer=customer.legal_name), blocks=blocks
    )


def build_resolution_modal(lang: Lang, shown: ServiceShown, channel: str | None) -> View:
    blocks = [
        text_input(
            "resolution",
            t("service.label.resolution", lang),
            hint=t("service.hint.resolution", lang),
            optional=False,
            multiline=True,
            max_length=RESOLUTION_LIMIT,
        )
    ]
    return modal_view(
        ids.SERVICE_RESOLVE_VIEW,
        t("service.modal_resolve", lang),
        lang,
        blocks,
        {META_SERVICE: shown.service.id, ids.META_CHANNEL: channel},
    )


def read_resolution_modal(view: View) -> tuple[int, str | None, str]:
    """The request, where the form was opened, and the resolution typed."""
    found = read_metadata(view)
    channel = found.get(ids.META_CHANNEL) or None
    return int(found.get(META_SERVICE) or 0), channel, state_text(view, "resolution")


def render_service_late(delivery: Delivery, lang: Lang) -> Reply:
    """Told to whoever took a request or complaint when a target passes (answered or not)."""
    p = delivery.payload
    text = md(
        f"service.late.{p['target']}",
        lang,
        kind=t(f"kind.{p['kind']}", lang),
        customer=p["customer"],
        handle=p["handle"],
        since=moment(datetime.fromisoformat(p["taken_at"]), lang, zone_named(p.get("tz"))),
    )
    block = section(Mrkdwn(":stopwatch: ") + text)
    actions = [button(t("service.button.resolve", lang), ids.SERVICE_RESOLVE, str(p["service_id"]))]
    if p["target"] == "response":
        actions.insert(
            0,
            button(
                t("service.button.responded", lang), ids.SERVICE_RESPONDED, str(p["service_id"])
            ),
        )
    plain = t(f"service.text.{p['kind']}", lang, customer=p["customer"])
    return Reply(text=plain, blocks=[block, {"type": "actions", "elements": actions}])
