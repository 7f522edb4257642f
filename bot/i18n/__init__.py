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


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The message `key` in `lang`, with `params` filled in. A missing key is a bug: KeyError."""
    template = MESSAGES[key][lang]
    return template.format(**params) if params else template
