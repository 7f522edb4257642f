"""What /log answers: the saved record, or the question it needs answered first."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.dates.display import format_moment
from bot.dates.understand import InThePast
from bot.i18n import Lang, t
from bot.logs.intake import DateProblem, Done, NeedsCustomer, NeedsText, Outcome
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, Reply, clip, context, labelled, md, section
from bot.views.customer_card import build_archived, build_not_found
from bot.views.inputs import button
from bot.views.services import service_buttons, service_lines

SHOWN_TEXT = 500


UTC_ZONE = ZoneInfo("UTC")  # the fallback text's zone: Slack shows each reader their own


def build_log_outcome(outcome: Outcome, lang: Lang) -> Reply:
    if isinstance(outcome, Done):
        return build_logged(outcome, lang)
    if isinstance(outcome, DateProblem):
        return build_date_problem(outcome, lang)
    if isinstance(outcome, NeedsText):
        return Reply(
            md(
                "log.needs_text",
                lang,
                name=outcome.customer.legal_name,
                handle=outcome.customer.handle,
            )
        )
    return build_needs_customer(outcome, lang)


def build_logged(done: Done, lang: Lang) -> Reply:
    record, follow_up, customer = done.logged.record, done.logged.follow_up, done.customer
    title = md(
        "log.logged",
        lang,
        kind=t(f"kind.{record.kind}", lang),
        name=customer.legal_name,
        handle=customer.handle,
    )
    quoted = Mrkdwn("\n").join(
        Mrkdwn("> ") + line for line in clip(record.summary, SHOWN_TEXT).split("\n")
    )
    lines = [title, quoted]
    if record.next_step:
        next_step = clip(record.next_step, SHOWN_TEXT)
        lines.append(labelled(t("log.next", lang), next_step, lang, bold=True))
    buttons = []
    if follow_up is not None:
        when = format_moment(follow_up.due_at, lang, ZoneInfo(follow_up.tz))
        note = t("log.follow_up", lang, when=when)
        buttons.append(button(t("log.change_time", lang), ids.LOG_CHANGE_TIME, str(follow_up.id)))
    elif done.without_reminder:
        note = t("log.no_follow_up_asked", lang)
    else:
        note = t("log.no_follow_up", lang)
    buttons.append(button(t("log.undo", lang), ids.LOG_UNDO, str(record.id)))
    service = done.logged.service
    if service is not None:  # a request or complaint: its targets, and answering it
        zone = ZoneInfo(follow_up.tz) if follow_up is not None else UTC_ZONE
        lines += service_lines(service, lang, zone)
        buttons = service_buttons(service, lang) + buttons
    blocks: list[Block] = [
        section(Mrkdwn("\n").join(lines)),
        context(note),
        {"type": "actions", "elements": buttons},
    ]
    return Reply(text=title, blocks=blocks)


def build_undone(lang: Lang) -> Reply:
    return Reply(t("log.undone", lang))


def build_edited(lang: Lang) -> Reply:
    return Reply(t("log.edited", lang))


def build_date_problem(problem: DateProblem, lang: Lang) -> Reply:
    reading = problem.reading
    if isinstance(reading, InThePast):
        text = md(
            "log.date_past",
            lang,
            phrase=reading.phrase,
            when=format_moment(reading.local, lang, reading.zone),
        )
    else:
        text = md("log.date_unreadable", lang, phrase=reading.phrase)
    block = section(text)
    block["accessory"] = button(
        t("log.save_anyway", lang), ids.LOG_SAVE_ANYWAY, str(problem.pending_id)
    )
    return Reply(text=text, blocks=[block])


def build_needs_customer(outcome: NeedsCustomer, lang: Lang) -> Reply:
    if outcome.archived is not None:
        return build_archived(outcome.archived, lang)
    if outcome.pending_id is not None:
        return build_pick_customer(outcome, lang)
    if not outcome.choices:
        message = md("log.unknown_customer", lang, text=outcome.text[:80])
        return build_not_found(outcome.text, lang, message=message)
    names = Mrkdwn(", ").join(
        Mrkdwn("{} ({})").format(f.customer.handle, f.customer.legal_name)
        for f in outcome.choices[:5]
    )
    key = "log.ambiguous_customer_one" if len(outcome.choices) == 1 else "log.ambiguous_customer"
    return Reply(md(key, lang, text=outcome.text[:80], names=names))


def build_pick_customer(outcome: NeedsCustomer, lang: Lang) -> Reply:
    """A held line: one button per card it could be for, the channel's customer first."""
    message = md("log.pick_customer", lang, text=outcome.text[:80])
    buttons = []
    for number, found in enumerate(outcome.choices):
        customer = found.customer
        label = (
            t("log.pick_channel_customer", lang, handle=customer.handle)
            if customer.id == outcome.channel_customer_id
            else f"{customer.handle} · {customer.legal_name}"
        )
        value = f"{outcome.pending_id}:{customer.id}"  # read_pick
        buttons.append(button(label, f"{ids.LOG_PICK_CUSTOMER}.{number}", value))
    return Reply(text=message, blocks=[section(message), {"type": "actions", "elements": buttons}])


def read_pick(value: str) -> tuple[int, int]:
    """A card chosen for a held line (build_pick_customer): (held line, card)."""
    pending_id, _, customer_id = value.partition(":")
    return int(pending_id), int(customer_id)
