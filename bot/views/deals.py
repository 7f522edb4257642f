"""A deal as people read it — its stage by name, amounts in their habits, days in their
language — with its buttons: another stage, Edit, and Record contract once it is won."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.dates.display import format_day, format_moment
from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.sales.amounts import Money, format_money
from bot.sales.deal_outcomes import (
    CloseDateToConfirm,
    DealFormOpen,
    DealOutcome,
    DealSaved,
    DealShown,
    WhichDeal,
)
from bot.store.models import Customer
from bot.store.pipeline import LOST, WON, Pipeline
from bot.store.sales_models import Opportunity
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, Reply, clip, context, md, mention, section
from bot.views.inputs import button

Action = dict[str, Any]


def stage_name(key: str, pipeline: Pipeline, lang: Lang) -> str:
    stage = pipeline.stage(key)
    if stage is not None and stage.label:
        return stage.label
    message = f"stage.{key}"
    return t(message, lang) if message in MESSAGES else key


def money(minor: int | None, currency: str, *, compact: bool = False, lang: Lang = "en") -> str:
    if minor is None:
        return "—"
    return format_money(Money(minor, currency), compact=compact, lang=lang)


def deal_lines(deal: Opportunity, pipeline: Pipeline, lang: Lang, tz: ZoneInfo) -> list[Mrkdwn]:
    """The deal's facts, one line each, as its reader reads them."""
    stage = stage_name(deal.stage, pipeline, lang)
    amount = money(deal.amount_minor, deal.currency)
    lines = [md("deal.line_stage", lang, stage=stage, probability=deal.probability, amount=amount)]
    if deal.amount_minor is not None and deal.status == "open":
        weighted = deal.amount_minor * deal.probability // 100
        lines[-1] += Mrkdwn(" · ") + md(
            "deal.weighted", lang, amount=money(weighted, deal.currency)
        )
    close = format_day(deal.expected_close, lang) if deal.expected_close else "—"
    lines.append(md("deal.line_close", lang, close=close, owner=mention(deal.owner_id)))
    if deal.next_step and deal.status == "open":
        when = format_moment(deal.next_step_due, lang, tz) if deal.next_step_due else ""
        line = md("deal.line_next", lang, step=clip(deal.next_step, 300))
        lines.append(line + (f" — {when}" if when else ""))
    elif deal.status == "open":
        lines.append(md("deal.no_next_step", lang))
    if deal.stage == LOST and deal.loss_reason:
        lines.append(md("deal.line_reason", lang, reason=clip(deal.loss_reason, 300)))
    return lines


def build_deal_outcome(outcome: DealOutcome, lang: Lang, tz: ZoneInfo) -> Reply:
    if isinstance(outcome, DealSaved):
        key = "deal.created" if outcome.change.created else "deal.changed"
        title = md(key, lang, name=outcome.deal.name, customer=_card(outcome.customer))
        return _deal_reply(
            title,
            outcome.customer,
            outcome.deal,
            outcome.pipeline,
            lang,
            tz,
            has_contract=outcome.has_contract,
            may_change=True,
        )
    if isinstance(outcome, DealShown):
        title = md("deal.shown", lang, name=outcome.deal.name, customer=_card(outcome.customer))
        return _deal_reply(
            title,
            outcome.customer,
            outcome.deal,
            outcome.pipeline,
            lang,
            tz,
            has_contract=outcome.has_contract,
            may_change=outcome.may_change,
        )
    if isinstance(outcome, CloseDateToConfirm):
        return build_confirm_close(outcome, lang)
    if isinstance(outcome, WhichDeal):
        return build_which_deal(outcome, lang)
    assert not isinstance(outcome, DealFormOpen)  # the listener opens the form instead
    raise TypeError(type(outcome).__name__)


def _card(customer: Customer) -> Mrkdwn:
    return Mrkdwn("{} ({})").format(customer.legal_name, customer.handle)


def _deal_reply(
    title: str,
    customer: Customer,
    deal: Opportunity,
    pipeline: Pipeline,
    lang: Lang,
    tz: ZoneInfo,
    *,
    has_contract: bool,
    may_change: bool,
) -> Reply:
    lines = Mrkdwn("\n").join(deal_lines(deal, pipeline, lang, tz))
    blocks: list[Block] = [section(Mrkdwn("{}\n").format(title) + lines)]
    if deal.stage == WON and not has_contract:
        blocks.append(context(t("deal.offer_contract", lang)))
    if may_change:
        blocks.append(deal_actions(deal, pipeline, lang, offer_contract=not has_contract))
    return Reply(
        text=t("deal.text", lang, name=deal.name, customer=customer.legal_name), blocks=blocks
    )


@dataclass(frozen=True)
class StageChoice:
    """What a stage button says: the deal, and the stage it moves to."""

    deal_id: int
    stage: str

    def to_value(self) -> str:
        return f"{self.deal_id}:{self.stage}"


@dataclass(frozen=True)
class DealPick:
    draft_id: int  # the line held
    deal_id: int


def read_deal_pick(action: Action) -> DealPick:
    """build_which_deal's DEAL_PICK button."""
    draft, deal = str(action["value"]).split(":")
    return DealPick(int(draft), int(deal))


def read_stage_choice(action: Action) -> StageChoice:
    deal_id, _, stage = str(action["value"]).partition(":")
    return StageChoice(int(deal_id), stage)


def deal_actions(
    deal: Opportunity, pipeline: Pipeline, lang: Lang, *, offer_contract: bool
) -> Block:
    """Every other stage (won and lost too), Edit, and Record contract for a won deal."""
    assert deal.id is not None
    elements: list[Action] = []
    if deal.stage == WON and offer_contract:
        record = button(t("deal.record_contract", lang), ids.CONTRACT_FROM_DEAL, str(deal.id))
        elements.append({**record, "style": "primary"})
    others = [key for key in pipeline.keys if key != deal.stage]
    for number, key in enumerate(others):
        label = "→ " + stage_name(key, pipeline, lang)
        value = StageChoice(deal.id, key).to_value()
        elements.append(button(label, f"{ids.DEAL_STAGE}.{number}", value))
    elements.append(button(t("deal.edit", lang), ids.DEAL_EDIT, str(deal.id)))
    return {"type": "actions", "block_id": f"deal_actions_{deal.id}", "elements": elements}


def build_confirm_close(outcome: CloseDateToConfirm, lang: Lang) -> Reply:
    text = md(
        "deal.close_past_question", lang, name=outcome.name, day=format_day(outcome.close, lang)
    )
    block = section(text)
    block["accessory"] = button(
        t("deal.close_past_yes", lang), ids.DEAL_CONFIRM, str(outcome.draft_id)
    )
    return Reply(text=text, blocks=[block])


def build_which_deal(outcome: WhichDeal, lang: Lang) -> Reply:
    customer = _card(outcome.customer)
    if outcome.new_name:  # no deal of that name; these are alike
        text = md("deal.which_or_new", lang, customer=customer, name=clip(outcome.new_name, 200))
    else:
        text = md("deal.which", lang, customer=customer)
    blocks: list[Block] = [section(text)]
    for deal in outcome.deals[:20]:
        # deals of one card often share words: their amount and close day tell them apart
        close = format_day(deal.expected_close, lang) if deal.expected_close else "—"
        amount = money(deal.amount_minor, deal.currency, compact=True, lang=lang)
        facts = md("deal.which_line", lang, amount=amount, close=close)
        block = section(Mrkdwn("*{}*\n").format(clip(deal.name, 200)) + facts)
        if outcome.draft_id is not None:  # the line's change, applied to the deal picked
            pick = f"{outcome.draft_id}:{deal.id}"
            block["accessory"] = button(t("deal.pick", lang), ids.DEAL_PICK, pick)
        else:
            block["accessory"] = button(t("deal.open", lang), ids.DEAL_OPEN, str(deal.id))
        blocks.append(block)
    if len(outcome.deals) > 20:
        blocks.append(context(t("list.more", lang, count=len(outcome.deals) - 20)))
    if outcome.new_name and outcome.draft_id is not None:
        new = section(md("deal.which_new", lang, name=clip(outcome.new_name, 200)))
        new["accessory"] = button(t("deal.pick_new", lang), ids.DEAL_PICK, f"{outcome.draft_id}:0")
        blocks.append(new)
    return Reply(text=text, blocks=blocks)
