"""A change request as people read it — what, who asked, the evaluation, every step with who
and when — with the buttons its state allows the reader; a card's list of requests; and the
message the customer's own people answer in a shared channel, which shows what they are
asked to agree to and nothing internal."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.delivery.change_answers import CustomerAnswered, CustomerAsked
from bot.delivery.change_cases import ChangeMoved
from bot.delivery.change_flow import FINAL, ChangeState, ChangeStep, steps_from
from bot.delivery.change_requests import ChangeList
from bot.i18n import Lang, t
from bot.sales.amounts import Money, format_money
from bot.store.delivery_models import ChangeRequest, ChangeStepTaken
from bot.store.models import Customer, Delivery
from bot.views import ids
from bot.views.blocks import (
    Block,
    Mrkdwn,
    Reply,
    channel_link,
    clip,
    context,
    md,
    mention,
    moment,
    section,
)
from bot.views.inputs import button
from bot.views.requirements import requirement_line

TEXT_LIMIT = 2900
STEPS_SHOWN = 12
LISTED = 15


def change_name(change: ChangeRequest) -> str:
    return f"CR-{change.number}"


def state_label(change: ChangeRequest, lang: Lang) -> str:
    return t(f"change.state.{change.state}", lang)


def build_change(
    moved: ChangeMoved, lang: Lang, tz: ZoneInfo, *, title_key: str = "change.shown"
) -> Reply:
    change, customer = moved.change, moved.customer
    title = md(
        title_key,
        lang,
        number=change_name(change),
        summary=change.summary,
        customer=_card(customer),
    )
    facts = [
        title,
        md("change.facts", lang, state=state_label(change, lang), owner=mention(change.owner_id)),
        md("change.asked_by", lang, who=_asker(moved), when=moment(change.created_at, lang, tz)),
    ]
    blocks: list[Block] = [section(Mrkdwn("\n").join(facts))]
    for key, text in (("change.reason", change.reason), ("change.content", change.content)):
        if text:
            blocks.append(section(clip(md(key, lang, text=text), TEXT_LIMIT)))
    proposed = (change.proposed or {}).get("requirement")
    if isinstance(proposed, dict):  # a requirement added after the list was confirmed
        adds = md("change.adds_requirement", lang, requirement=requirement_line(proposed, lang))
        blocks.append(section(clip(adds, TEXT_LIMIT)))
    if change.schedule_days is not None:
        blocks.append(section(_evaluation(change, lang)))
    if moved.milestones:
        names = ", ".join(m.title for m in moved.milestones)
        blocks.append(context(md("change.milestones", lang, names=names)))
    blocks.append(context(clip(_history(moved, lang, tz), TEXT_LIMIT)))
    actions = _actions(moved, lang)
    if actions:
        blocks.append({"type": "actions", "block_id": ids.CHANGE_ACTIONS, "elements": actions})
    return Reply(
        text=t("change.text", lang, number=change_name(change), summary=change.summary),
        blocks=blocks,
    )


def build_change_list(listed: ChangeList, lang: Lang) -> Reply:
    customer = listed.customer
    assert customer.id is not None
    title = md("change.list_title", lang, customer=_card(customer), count=len(listed.changes))
    blocks: list[Block] = [section(title)]
    if not listed.changes:
        blocks.append(context(md("change.list_empty", lang)))
    for change in listed.changes[:LISTED]:
        assert change.id is not None
        line = md(
            "change.list_line",
            lang,
            number=change_name(change),
            summary=change.summary,
            state=state_label(change, lang),
        )
        block = section(line)
        block["accessory"] = button(t("change.open", lang), ids.CHANGE_OPEN, str(change.id))
        blocks.append(block)
    if len(listed.changes) > LISTED:
        blocks.append(context(md("change.list_more", lang, count=len(listed.changes) - LISTED)))
    if listed.may_ask:
        new = button(t("change.new", lang), ids.CHANGE_NEW, str(customer.id))
        blocks.append({"type": "actions", "block_id": ids.CHANGE_ACTIONS, "elements": [new]})
    return Reply(text=t("change.list_text", lang, customer=customer.legal_name), blocks=blocks)


def build_customer_request(asked: CustomerAsked, lang: Lang) -> Reply:
    """For the customer's people: the change, the days, the cost; Confirm / Decline."""
    change = asked.change
    assert change.id is not None
    blocks: list[Block] = [section(_for_customer(asked, lang))]
    elements = [
        {
            **button(
                t("change.customer_confirm", lang), f"{ids.CHANGE_CUSTOMER}.confirm", str(change.id)
            ),
            "style": "primary",
        },
        {
            **button(
                t("change.customer_decline", lang), f"{ids.CHANGE_CUSTOMER}.decline", str(change.id)
            ),
            "style": "danger",
        },
    ]
    blocks.append({"type": "actions", "block_id": ids.CHANGE_ACTIONS, "elements": elements})
    return Reply(
        text=t("change.customer_text", lang, number=change_name(change), summary=change.summary),
        blocks=blocks,
    )


def build_asked_customer(asked: CustomerAsked, lang: Lang) -> Reply:
    """Told to the project manager once the request is in the customer's channel."""
    change = asked.change
    said = md(
        "change.asked_customer",
        lang,
        number=change_name(change),
        channel=channel_link(asked.channel_id),
    )
    return Reply(
        text=t("change.text", lang, number=change_name(change), summary=change.summary),
        blocks=[section(said)],
    )


def build_customer_answered(
    answered: CustomerAnswered, lang: Lang, tz: ZoneInfo, now: datetime
) -> Reply:
    """The customer's message once answered: the same text, the answer instead of buttons."""
    asked = CustomerAsked(answered.customer, answered.change, "")
    key = "change.customer_confirmed" if answered.confirmed else "change.customer_declined"
    blocks: list[Block] = [
        section(_for_customer(asked, lang)),
        context(md(key, lang, who=mention(answered.answered_by), when=moment(now, lang, tz))),
    ]
    change = answered.change
    return Reply(
        text=t("change.customer_text", lang, number=change_name(change), summary=change.summary),
        blocks=blocks,
    )


def _for_customer(asked: CustomerAsked, lang: Lang) -> Mrkdwn:
    change = asked.change
    lines = [md("change.customer_title", lang, number=change_name(change), summary=change.summary)]
    if change.content:
        lines.append(clip(Mrkdwn("{}").format(change.content), 2000))
    lines.append(md("change.customer_days", lang, days=_days(change, lang)))
    if change.cost_minor is not None:
        lines.append(
            md(
                "change.customer_cost",
                lang,
                cost=format_money(Money(change.cost_minor, change.currency), lang=lang),
            )
        )
    return Mrkdwn("\n").join(lines)


def _evaluation(change: ChangeRequest, lang: Lang) -> Mrkdwn:
    cost = (
        format_money(Money(change.cost_minor, change.currency), lang=lang)
        if change.cost_minor is not None
        else t("change.no_cost", lang)
    )
    lines = [
        md(
            "change.evaluation",
            lang,
            days=_days(change, lang),
            cost=cost,
            risk=t(f"change.risk.{change.risk}", lang),
            recommendation=t(f"change.recommendation.{change.recommendation}", lang),
        )
    ]
    if change.resources:
        lines.append(md("change.resources", lang, text=change.resources))
    return clip(Mrkdwn("\n").join(lines), TEXT_LIMIT)


def _days(change: ChangeRequest, lang: Lang) -> str:
    days = change.schedule_days or 0
    if days == 0:
        return t("change.days_none", lang)
    key = "change.days_later" if days > 0 else "change.days_earlier"
    return t(key + (".one" if abs(days) == 1 else ""), lang, days=abs(days))


def _history(moved: ChangeMoved, lang: Lang, tz: ZoneInfo) -> Mrkdwn:
    shown = moved.steps[-STEPS_SHOWN:]
    lines = [_step_line(step, moved, lang, tz) for step in shown]
    if len(moved.steps) > len(shown):
        lines.insert(0, md("change.steps_earlier", lang, count=len(moved.steps) - len(shown)))
    return Mrkdwn("\n").join(lines)


def _step_line(step: ChangeStepTaken, moved: ChangeMoved, lang: Lang, tz: ZoneInfo) -> Mrkdwn:
    when = moment(step.taken_at, lang, tz)
    label = t(f"change.did.{step.step}", lang)
    if step.on_behalf_of_contact_id is not None:
        name = moved.contacts.get(step.on_behalf_of_contact_id, "?")
        line = md(
            "change.step_for", lang, step=label, contact=name, who=mention(step.taken_by), when=when
        )
    elif step.details.get("answered_in"):
        line = md(
            "change.step_by_customer", lang, step=label, who=mention(step.taken_by), when=when
        )
    else:
        line = md("change.step_line", lang, step=label, who=mention(step.taken_by), when=when)
    if step.note:
        line = Mrkdwn("{} — {}").format(line, clip(step.note, 200))
    moves = step.details.get("moved") or []
    titles = {str(m.id): m.title for m in moved.milestones}
    for move in moves if isinstance(moves, list) else []:
        name = titles.get(str(move.get("milestone")), "?")
        was, now = (moment(datetime.fromisoformat(move[k]), lang, tz) for k in ("from", "to"))
        line = Mrkdwn("{}\n").format(line) + md(
            "change.moved", lang, milestone=name, was=was, now=now
        )
    return line


def _actions(moved: ChangeMoved, lang: Lang) -> list[dict[str, object]]:
    change = moved.change
    assert change.id is not None
    state = ChangeState(change.state)
    if state in FINAL:
        return []
    allowed = steps_from(state)
    found: list[dict[str, object]] = []
    if moved.may_move:
        for step in allowed:
            if step is ChangeStep.WITHDRAW:
                continue
            found.append(_step_button(change, step, lang))
        if state is ChangeState.EVALUATED:
            found.insert(
                1, button(t("change.ask_customer", lang), ids.CHANGE_ASK_CUSTOMER, str(change.id))
            )
    if moved.may_withdraw and ChangeStep.WITHDRAW in allowed:
        found.append(_step_button(change, ChangeStep.WITHDRAW, lang))
    return found


def _step_button(change: ChangeRequest, step: ChangeStep, lang: Lang) -> dict[str, object]:
    assert change.id is not None
    text = t(f"change.button.{step.value}", lang)
    if step is ChangeStep.EVALUATE:
        return button(text, ids.CHANGE_EVALUATE, str(change.id))
    if step in (ChangeStep.CONFIRM, ChangeStep.DECLINE):
        return button(text, f"{ids.CHANGE_ANSWER}.{step.value}", str(change.id))
    return button(text, f"{ids.CHANGE_STEP}.{step.value}", f"{change.id}:{step.value}")


def _asker(moved: ChangeMoved) -> Mrkdwn:
    change = moved.change
    if change.requested_by_contact_id is not None:
        return Mrkdwn("{}").format(moved.contacts.get(change.requested_by_contact_id, "?"))
    return mention(change.requested_by_user or change.created_by)


def _card(customer: Customer) -> Mrkdwn:
    return Mrkdwn("{} ({})").format(customer.legal_name, customer.handle)


def render_change_waiting(delivery: Delivery, lang: Lang) -> Reply:
    """The owner's reminder of a request that waits on them, with the request a press away."""
    p = delivery.payload
    text = md(
        "reminder.change_waiting",
        lang,
        number=p["number"],
        customer=p["customer"],
        handle=p["handle"],
        summary=clip(p["summary"], 200),
        waiting=t(f"change.waiting.{p['state']}", lang),
        days=p["days"],
    )
    block = section(Mrkdwn(":hourglass_flowing_sand: ") + text)
    block["accessory"] = button(t("change.open", lang), ids.CHANGE_OPEN, str(p["change_id"]))
    return Reply(text=str(text), blocks=[block])
