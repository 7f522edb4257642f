"""The App Home tab."""

from __future__ import annotations

from typing import Any

from bot.i18n import Lang, t
from bot.views import ids
from bot.views.blocks import divider, header, section
from bot.views.help import build_help


def build_home(lang: Lang) -> dict[str, Any]:
    blocks = [
        header(t("home.title", lang)),
        section(t("home.intro", lang), block_id=ids.HOME_INTRO),
    ]
    for command in ("/customer", "/log"):
        blocks += [divider(), *build_help(command, lang).blocks[:2]]
    return {"type": "home", "blocks": blocks}
