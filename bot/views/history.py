"""A card's history as people read it. Each stored event becomes the label of its kind, who
and when, then every field it changed as `Label: before → after`, with the card's labels and
the card's way of showing values (phones nationally, statuses, phases and salutations by
label, people as mentions, moments in the reader's zone and language). Changes that change
nothing and internal ids are left out; a long history is paged."""

from __future__ import annotations

from dataclasses import dataclass

from bot.customers.fields import Phone
from bot.customers.governance import HISTORY_PAGE, HistoryPage
from bot.customers.merge_rows import MOVED
from bot.i18n import t
from bot.i18n.messages import MESSAGES
from bot.store.models import CustomerEvent
from bot.store.types import saved_id
from bot.views import ids
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    clip,
    context,
    header,
    md,
    mention,
    moment,
    section,
)
from bot.views.history_fields import FIELDS, Reader, show_text
from bot.views.inputs import button

SUBJECTS = {
    "contact",
    "contact_id",
    "user",
    "channel",
    "milestone",
    "follow_up",
    "duplicate",
    "record_id",
    "deal",
    "contract",
    "receivable",
    "project",
    "document",
}
PHONES = {
    "phone": "card.phone",
    "office_phone": "label.office_phone",
    "home_phone": "label.home_phone",
    "mobile": "label.mobile",
}
# said by the event's kind already, or an id of something the reader cannot open here
HIDDEN = {"archived", "with", "merge"}


def event_lines(event: CustomerEvent, page: HistoryPage, reader: Reader) -> list[Mrkdwn]:
    """The event's heading, then one line per field it changed."""
    lines = [_heading(event, reader)]
    changes = event.changes if isinstance(event.changes, dict) else {}
    named = "name" in changes or "contact" in changes  # the contact is named already
    moved: list[str] = []
    seen: set[str] = set()
    for field, change in changes.items():
        base = _phone_base(field)
        if field in HIDDEN or field in seen or (field == "contact_id" and named):
            continue
        if event.action in ("merge", "merge_undone") and field in MOVED:
            moved.append(t(f"moved.{field}", reader.lang, n=_before_after(change)[0]))
            continue
        if base:
            seen |= {f"{base}_e164", f"{base}_ext"}
            line = _phone_line(base, changes, reader)
        else:
            line = _field_line(_named_for(event.action, field), change, page, reader)
        if line:
            lines.append(line)
    if moved:
        label = t("history.field.moved", reader.lang)
        together = t("readable.separator", reader.lang).join(moved)
        lines.append(md("history.set", reader.lang, label=label, value=together))
    return lines


@dataclass(frozen=True)
class OlderHistory:
    """What the "Older changes" button says: the card, and the oldest event shown."""

    customer_id: int
    before_id: int

    def to_value(self) -> str:
        return f"{self.customer_id}:{self.before_id}"


def read_older_history(action: dict[str, object]) -> OlderHistory:
    customer_id, _, before_id = str(action["value"]).partition(":")
    return OlderHistory(int(customer_id), int(before_id))


def build_history(page: HistoryPage, reader: Reader) -> Reply:
    """One page: as many events as fit one message; "Older changes" opens the next page."""
    title = t("history.title", reader.lang, name=page.customer.legal_name)
    blocks: list[Block] = [header(title)]
    if not page.events:
        return Reply(text=title, blocks=[*blocks, context(t("history.empty", reader.lang))])
    room = MESSAGE_BLOCK_LIMIT - 1  # the last block is the button or the end
    shown: list[CustomerEvent] = []
    for event in page.events[:HISTORY_PAGE]:
        sections = [section(text) for text in _sections(event_lines(event, page, reader))]
        if shown and len(blocks) + len(sections) > room:
            break
        blocks += sections[: room - len(blocks)]
        shown.append(event)
    if len(shown) < len(page.events):
        value = OlderHistory(saved_id(page.customer), saved_id(shown[-1])).to_value()
        older = button(t("history.older", reader.lang), ids.HISTORY_OLDER, value)
        blocks.append({"type": "actions", "elements": [older]})
    elif page.continued:
        blocks.append(context(t("history.end", reader.lang)))
    return Reply(text=title, blocks=blocks)


def _heading(event: CustomerEvent, reader: Reader) -> Mrkdwn:
    kind = "create_import" if (event.action, event.source) == ("create", "import") else None
    key = f"history.action.{kind or event.action}"
    action = t(key if key in MESSAGES else "history.action.other", reader.lang)
    return md(
        "history.heading",
        reader.lang,
        when=moment(event.at, reader.lang, reader.tz),
        who=mention(event.actor_id),
        action=Mrkdwn("*{}*").format(action),
    )


def _field_line(field: str, change: object, page: HistoryPage, reader: Reader) -> Mrkdwn | None:
    before, after = _before_after(change)
    label_key, show = FIELDS.get(field, ("", show_text))
    label = t(label_key, reader.lang) if label_key else field.replace("_", " ")
    if field in SUBJECTS:
        value = show(after if _is_set(after) else before, reader, page)
        return md("history.set", reader.lang, label=label, value=value) if value else None
    if before == after:
        return None  # recorded, but nothing changed
    if not _is_set(before):
        return md("history.set", reader.lang, label=label, value=show(after, reader, page))
    shown_after = show(after, reader, page) if _is_set(after) else t("history.cleared", reader.lang)
    return md(
        "history.change",
        reader.lang,
        label=label,
        before=show(before, reader, page),
        after=shown_after,
    )


def _phone_line(base: str, changes: dict[str, object], reader: Reader) -> Mrkdwn | None:
    """A number and its extension are stored apart and read as one, as on the card."""
    numbers = _before_after(changes.get(f"{base}_e164", [None, None]))
    extensions = _before_after(changes.get(f"{base}_ext", [None, None]))
    shown = [
        _phone(str(n or ""), str(x or ""), reader) for n, x in zip(numbers, extensions, strict=True)
    ]
    label = t(PHONES[base], reader.lang)
    if shown[0] == shown[1]:
        return None
    if not shown[0]:
        return md("history.set", reader.lang, label=label, value=shown[1])
    after = shown[1] or t("history.cleared", reader.lang)
    return md("history.change", reader.lang, label=label, before=shown[0], after=after)


def _phone(e164: str, extension: str, reader: Reader) -> str:
    word = t("card.extension", reader.lang)
    if not e164:  # only the extension changed: the number itself was not recorded
        return f"{word} {extension}" if extension else ""
    return Phone(e164, extension).formatted(home_region=reader.home_region, extension_word=word)


def _named_for(action: str, field: str) -> str:
    """A field read by what the event is about: a project's end is planned, a contract's
    term ends."""
    return "planned_end" if field == "ends_on" and action.startswith("project") else field


def _phone_base(field: str) -> str:
    base, _, part = field.rpartition("_")
    return base if part in ("e164", "ext") and base in PHONES else ""


def _sections(lines: list[Mrkdwn]) -> list[Mrkdwn]:
    """Lines grouped into section texts within Slack's limit (a long event takes several)."""
    texts: list[Mrkdwn] = []
    for line in lines:
        line = clip(line, SECTION_TEXT_LIMIT)
        if texts and len(texts[-1]) + 1 + len(line) <= SECTION_TEXT_LIMIT:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def _is_set(value: object) -> bool:
    return value not in (None, "")


def _before_after(change: object) -> tuple[object, object]:
    if isinstance(change, list) and len(change) == 2:
        return change[0], change[1]
    return None, change
