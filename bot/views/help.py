"""The usage text of /customer and /log."""

from __future__ import annotations

import re

from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.views import ids
from bot.views.blocks import (
    SECTION_TEXT_LIMIT,
    Mrkdwn,
    Reply,
    context,
    escape,
    header,
    md,
    section,
)

# (usage, description key) per command; a subcommand is listed once it works.
USAGE: dict[str, list[tuple[str, str]]] = {
    "/customer": [
        ("/customer new [name]", "help.customer.new"),
        ("/customer find <text>", "help.customer.find"),
        ("/customer show <customer>", "help.customer.show"),
        ("/customer edit <customer>", "help.customer.edit"),
        ("/customer contact <customer>", "help.customer.contact"),
        ("/customer status <customer> <status> [level]", "help.customer.status"),
        ("/customer phase <customer> [phase]", "help.customer.phase"),
        ("/customer plan <customer>", "help.customer.plan"),
        ("/customer milestone <customer> [<title> <date>]", "help.customer.milestone"),
        ("/customer link <customer>", "help.customer.link"),
        ("/customer unlink <customer>", "help.customer.unlink"),
        ("/customer brief on|off|<weekday> <hour>", "help.customer.brief"),
        ("/customer share|unshare <customer> @person|#channel", "help.customer.share"),
        ("/customer history <customer>", "help.customer.history"),
        ("/customer merge <duplicate> into <kept>", "help.customer.merge"),
        ("/customer value <customer>", "help.customer.value"),
        (
            "/customer deal <customer> <name> [amount] [stage] [close] [next: …]",
            "help.customer.deal",
        ),
        (
            "/customer pipeline [@person|team @supervisor|mine] [stage] [month] [csv]",
            "help.customer.pipeline",
        ),
        ("/customer stages", "help.customer.stages"),
        ("/customer contract <customer> [number]", "help.customer.contract"),
        ("/customer project <customer> [name]", "help.customer.project"),
        ("/customer doc <customer> <url> [title]", "help.customer.doc"),
        ("/customer change <customer> [what should change]", "help.customer.change"),
        ("/customer changes <customer>", "help.customer.changes"),
        (
            "/customer requirement <customer> [must|should|could] <requirement> [criteria: …]",
            "help.customer.requirement",
        ),
        ("/customer requirements <customer>", "help.customer.requirements"),
        ("/customer budget", "help.customer.budget"),
        ("/customer export [contacts|logs]", "help.customer.export"),
        (
            "/customer stats [team] [@person] [phase] [status] [tier A] [city]",
            "help.customer.stats",
        ),
        ("/customer role <customer> <contact> <role>|left|active", "help.customer.role"),
        ("/customer notify [#channel] <kinds> on|off", "help.customer.notify"),
        ("/customer archive <customer>", "help.customer.archive"),
        ("/customer team …", "help.customer.team"),
        ("/customer settings …", "help.customer.settings"),
        ("/customer help", "help.customer.help"),
    ],
    "/log": [
        ("/log <customer> <what happened> [next: …]", "help.log.line"),
        ("/log", "help.log.modal"),
        ("/log 投诉|请求|complaint|request <customer> …", "help.log.service"),
        ("/log help", "help.log.help"),
    ],
}
_TITLES = {
    "/customer": ("help.customer.title", "help.customer.intro"),
    "/log": ("help.log.title", "help.log.intro"),
}


def _in_sections(lines: list[str]) -> list[Mrkdwn]:
    """Lines as mrkdwn, as many to a section as fit (measured escaped, as Slack counts)."""
    texts: list[Mrkdwn] = []
    for line in map(escape, lines):
        if texts and len(texts[-1]) + 1 + len(line) <= SECTION_TEXT_LIMIT:
            texts[-1] += Mrkdwn("\n") + line
        else:
            texts.append(line)
    return texts


# a word in <…> or […] that stands for what the person types (help_words.py names them)
_WORD = re.compile(r"([<\[])([^<>\[\]]+)([>\]])")


def in_words_of(usage: str, lang: Lang) -> str:
    """A usage line with its placeholders in the reader's language: `<customer>` → `<客户>`;
    keywords typed as they are (`on|off`) stay."""

    def said(found: re.Match[str]) -> str:
        key = "help.word." + re.sub(r"\W+", "_", found[2].split(":")[0]).strip("_")
        if key not in MESSAGES:
            return found[0]
        return f"{found[1]}{t(key, lang)}{found[3]}"

    return _WORD.sub(said, usage)


def build_help(command: str, lang: Lang, *, unknown_word: str | None = None) -> Reply:
    title_key, intro_key = _TITLES[command]
    lines = [f"`{in_words_of(usage, lang)}` — {t(key, lang)}" for usage, key in USAGE[command]]
    intro = md(intro_key, lang)
    if unknown_word is not None:
        intro = md("help.unknown", lang, word=unknown_word[:80], command=command)
    bodies = _in_sections([intro + "\n", *lines])  # a long usage takes several sections
    blocks = [
        header(t(title_key, lang), block_id=ids.help_block("header", command)),
        *(
            section(body, block_id=ids.help_block(f"body{n}" if n else "body", command))
            for n, body in enumerate(bodies)
        ),
        context(t("help.coming", lang), block_id=ids.help_block("note", command)),
    ]
    text = Mrkdwn("{}\n{}\n").format(t(title_key, lang), intro) + "\n".join(lines)
    return Reply(text=text, blocks=blocks)
