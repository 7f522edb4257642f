"""Values in an export as people read them: stored codes as their labels in the exporter's
language (潜在, 先生, 电话, 实施), moments in the exporter's zone. The import reads the labels
back, in either language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.customers.fields import Phone
from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES

LABELLED = ("status", "salutation", "phase", "kind", "source")


def label(kind: str, code: str, lang: Lang) -> str:
    """`label("status", "potential", "zh")` → 潜在; an empty value stays empty."""
    if kind not in LABELLED:
        raise ValueError(kind)
    key = f"{kind}.{code}"
    return t(key, lang) if code and key in MESSAGES else code


def local_time(moment: datetime, tz: ZoneInfo) -> str:
    """`2026-11-27 09:00`, the wall time in `tz` (the column header names the zone)."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def zone_name(tz: ZoneInfo) -> str:
    return getattr(tz, "key", None) or str(tz)


def phone(e164: str, extension: str, lang: Lang) -> str:
    """International style, so it reads back the same wherever the file goes."""
    if not e164:
        return ""
    return Phone(e164, extension).formatted(
        home_region="ZZ", extension_word=t("card.extension", lang)
    )
