"""Relationship health as people read it: a traffic light, the score and the reasons."""

from __future__ import annotations

from bot.customers.health import Health
from bot.errors import Message
from bot.i18n import Lang, t
from bot.views.blocks import Block, context
from bot.views.customer_errors import render_message


def light(health: Health, lang: Lang) -> str:
    return t(f"health.light.{health.light}", lang)


def health_short(health: Health, lang: Lang) -> str:
    """`🟡 62`: in lists."""
    return t("health.short", lang, light=light(health, lang), score=health.score)


def reason_text(message: Message, lang: Lang) -> str:
    return render_message(message, lang)


def first_reason(health: Health, lang: Lang) -> str:
    if not health.reasons:
        return t("health.all_well", lang)
    return reason_text(health.reasons[0], lang)


def reasons_text(health: Health, lang: Lang) -> str:
    """Every reason, the heaviest first: a score of 0 cut to its three lightest-looking
    reasons did not say why it was 0 (seven kinds at most, one short clause each)."""
    if not health.reasons:
        return t("health.all_well", lang)
    separator = t("readable.clause_separator", lang)  # "；" in Chinese
    return separator.join(reason_text(m, lang) for m in health.reasons)


def health_block(health: Health, lang: Lang) -> Block:
    """On the card: the light, the score, what it means and why."""
    line = t(
        "health.line",
        lang,
        light=light(health, lang),
        score=health.score,
        word=t(f"health.word.{health.light}", lang),
    )
    return context(f"{line} · {reasons_text(health, lang)}")
