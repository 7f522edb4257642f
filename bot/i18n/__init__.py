"""The message catalog: every user-facing string, in English and Simplified Chinese."""

from __future__ import annotations

from typing import Literal

from bot.i18n.messages import MESSAGES

Lang = Literal["en", "zh"]
LANGUAGES: tuple[Lang, ...] = ("en", "zh")


def pick_language(slack_locale: str | None) -> Lang:
    """Slack locales look like `zh-CN`, `en-US`; any Chinese locale reads Simplified Chinese."""
    if slack_locale and slack_locale.lower().startswith("zh"):
        return "zh"
    return "en"


# the parameter a message counts by, in this order: "1 deal", not "1 deals"
COUNTED_BY = ("count", "n", "rows", "days")


def counted_key(key: str, params: dict[str, object]) -> str:
    """`key`, or its singular form `<key>.one` when the catalog has one and the number the
    message counts (the first of COUNTED_BY it takes) is 1. Chinese needs no plural, so its
    singular form reads as its plural."""
    single = f"{key}.one"
    if single not in MESSAGES:
        return key
    counted = next((params[name] for name in COUNTED_BY if name in params), None)
    return single if counted == 1 else key


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The message `key` (singular when it counts one) in `lang`, with `params` filled in.
    A missing key is a bug: KeyError."""
    template = MESSAGES[counted_key(key, params)][lang]
    return template.format(**params) if params else template
