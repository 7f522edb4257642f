"""A label and its value are written as each language writes them: `Next: send the deck`,
`下一步：发方案` — never an ASCII colon in Chinese."""

from __future__ import annotations

import pytest

from bot.i18n import Lang
from bot.views.blocks import labelled


@pytest.mark.parametrize(
    ("lang", "bold", "written"),
    [
        ("en", True, "*Next:* send <the> deck"),
        ("zh", True, "*下一步：*send <the> deck"),
        ("en", False, "Next: send <the> deck"),
        ("zh", False, "下一步：send <the> deck"),
    ],
)
def test_a_label_takes_its_languages_colon_and_its_value_stays_as_typed(
    lang: Lang, bold: bool, written: str
) -> None:
    label = "Next" if lang == "en" else "下一步"

    shown = labelled(label, "send <the> deck", lang, bold=bold)

    assert shown == written.replace("<", "&lt;").replace(">", "&gt;")
