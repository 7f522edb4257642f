"""Small Block Kit primitives that respect Slack's limits, and the one rule for text.

## Text and markup (issue 15 item 1)
Slack reads `&`, `<` and `>` as markup in mrkdwn — section and context texts, fields, and a
message's top-level `text`, the fallback it notifies with (docs.slack.dev/messaging/
formatting-message-text, "Escaping text"): there `<!channel>` pings, `<@U1>` mentions and
`<http://x|y>` links. It reads nothing in plain_text — headers, buttons, options, modal
titles, labels, placeholders, input values (the text object "accepts … formatting markup
when type is mrkdwn", docs.slack.dev/reference/block-kit/composition-objects/text-object) —
and shows it as written: Slack escapes plain text itself (a button "Answer & 1" comes back
as `Answer &amp; 1`, slackapi/bolt-python#513), so an escape there is read as `&lt;`.
Field errors under a form's inputs (`response_action: errors`) are plain text too.

So, in the builders:
- a `str` is text, shown as it was written: a person's words, a catalog message (`t()`);
- a `Mrkdwn` is markup we wrote; it is made only by `escape()`, `md()` (a catalog message
  whose every parameter is text unless it is Mrkdwn), `mention()`, `channel_link()`,
  `moment()` / `day()` (Slack's date tokens), and `Mrkdwn`'s own `format`, `join` and `+`,
  which escape the text they are given;
- where Slack parses (`section`, `context`, `mrkdwn_text`, `Reply.text`) text is escaped on
  the way in and Mrkdwn passes as it is; where Slack does not (`header`, `plain_text`, and
  bot/views/inputs.py built on it) text passes as it is and Mrkdwn is refused.
Forgetting therefore never pings: at worst a mention we meant shows as typed (an f-string of
Mrkdwn is a plain `str` again, so build mrkdwn with `Mrkdwn(...).format(...)`, not f-strings).
bot/views/outgoing.py still neutralises broadcasts in whatever leaves, as defence in depth.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, overload

from bot.dates.display import slack_day, slack_moment
from bot.i18n import Lang, counted_key, t

Block = dict[str, Any]

SECTION_TEXT_LIMIT = 3000
HEADER_TEXT_LIMIT = 150
MESSAGE_BLOCK_LIMIT = 50
MODAL_BLOCK_LIMIT = 100
MODAL_TITLE_LIMIT = 24
INPUT_TEXT_LIMIT = 3000  # the most a plain_text_input holds (its max_length)


class Mrkdwn(str):
    """Text already in Slack's mrkdwn: markup we wrote, someone's text escaped in it."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> Mrkdwn:
        """As str.format, each str argument escaped unless it is Mrkdwn."""
        return Mrkdwn(
            str.format(
                self,
                *(_marked(a) for a in args),
                **{name: _marked(value) for name, value in kwargs.items()},
            )
        )

    def join(self, parts: Iterable[str]) -> Mrkdwn:
        return Mrkdwn(str.join(self, (escape(part) for part in parts)))

    def __add__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(self, escape(other)))

    def __radd__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(escape(other), self))


def escape(text: str) -> Mrkdwn:
    """Text as mrkdwn that shows it as written: `&`, `<` and `>` escaped. Mrkdwn is already."""
    if isinstance(text, Mrkdwn):
        return text
    return Mrkdwn(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def md(key: str, lang: Lang, /, **params: object) -> Mrkdwn:
    """The catalog message `key` as mrkdwn: its words and every text parameter escaped."""
    template = escape(t(counted_key(key, params), lang))
    return template.format(**params) if params else template


def labelled(label: str, value: str, lang: Lang, *, bold: bool = False) -> Mrkdwn:
    """`*Next:* send the deck` / `*下一步：*发方案`: a label and its value, with the colon the
    reader's language writes (the catalog's `punct.colon`)."""
    colon = t("punct.colon", lang)
    mark = colon.rstrip()
    head = Mrkdwn("*{}*" if bold else "{}").format(label + mark)
    return head + Mrkdwn("{}{}").format(colon[len(mark) :], value)


def mention(user_id: str) -> Mrkdwn:
    return Mrkdwn(f"<@{escape(user_id)}>")


def channel_link(channel_id: str) -> Mrkdwn:
    return Mrkdwn(f"<#{escape(channel_id)}>")


def moment(when: datetime, lang: Lang, zone: tzinfo) -> Mrkdwn:
    """A moment each reader sees in their own zone (bot/dates/display.py's token)."""
    return Mrkdwn(slack_moment(when, lang, zone))


def day(when: datetime, lang: Lang, zone: tzinfo) -> Mrkdwn:
    return Mrkdwn(slack_day(when, lang, zone))


def _marked(value: object) -> object:
    return escape(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Reply:
    """A message: the fallback `text` Slack shows in notifications, and its blocks."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_message(self) -> dict[str, Any]:
        # Not cut here: a builder that outgrows Slack's 50 blocks must say what it leaves
        # out ("+N more"), and the tests' strict Slack stand-in refuses it until it does.
        return {"text": escape(self.text), "blocks": self.blocks}


@overload
def clip(text: Mrkdwn, limit: int) -> Mrkdwn: ...
@overload
def clip(text: str, limit: int) -> str: ...
def clip(text: str, limit: int) -> str:
    """At most `limit` characters; mrkdwn is never cut inside an escape or a token."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not isinstance(text, Mrkdwn):
        return cut + "…"
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[: cut.rfind("&")]
    return Mrkdwn(cut + "…")


def plain_text(text: str, limit: int) -> dict[str, Any]:
    """A plain_text object: shown as written, so never given mrkdwn (it would show `&lt;`)."""
    return {"type": "plain_text", "text": clip(as_written(text), limit), "emoji": True}


def as_written(text: str) -> str:
    """Text for where Slack shows text as written: refuses mrkdwn, whose escapes would show."""
    if isinstance(text, Mrkdwn):
        raise TypeError(f"plain text shows text as written; given mrkdwn: {text[:80]!r}")
    return text


def mrkdwn_text(text: str, limit: int = SECTION_TEXT_LIMIT) -> dict[str, Any]:
    """A mrkdwn text object: text is escaped, Mrkdwn passes as it is."""
    return {"type": "mrkdwn", "text": clip(escape(text), limit)}


def header(text: str, *, block_id: str | None = None) -> Block:
    text = clip(as_written(text), HEADER_TEXT_LIMIT)
    block: Block = {"type": "header", "text": {"type": "plain_text", "text": text}}
    return _with_id(block, block_id)


def section(mrkdwn: str, *, block_id: str | None = None) -> Block:
    return _with_id({"type": "section", "text": mrkdwn_text(mrkdwn)}, block_id)


def context(*mrkdwn: str, block_id: str | None = None) -> Block:
    elements = [mrkdwn_text(m) for m in mrkdwn[:10]]
    return _with_id({"type": "context", "elements": elements}, block_id)


def divider() -> Block:
    return {"type": "divider"}


def _with_id(block: Block, block_id: str | None) -> Block:
    if block_id:
        block["block_id"] = block_id
    return block
