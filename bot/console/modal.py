"""A modal's inputs as terminal questions, and answers as Slack's `view.state.values`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.console.people import People
from bot.console.render import mrkdwn_to_text
from bot.dates.understand import InThePast, Understood, understand_when
from bot.i18n import Lang, t

Option = tuple[str, str]  # (shown text, value)
_CLOCK = re.compile(r"^(\d{1,2})[:：.](\d{2})$")


class Refused(ValueError):
    """An answer the console cannot send as Slack would; `key` names why (catalog)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def said(self, lang: Lang) -> str:
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class Field:
    block_id: str
    action_id: str
    label: str
    kind: str
    optional: bool
    options: list[Option] = field(default_factory=list)
    initial: str | None = None
    hint: str = ""

    def prompt(self, lang: Lang = "en", names: dict[str, str] | None = None) -> str:
        """What the person is asked; `names`: people's display names by user id (a kept
        choice is shown as people read it, never as its code)."""
        lines = [self.label + ("" if not self.optional else " " + t("console.optional", lang))]
        if self.hint:
            lines.append("  " + self.hint)
        for number, (text, _value) in enumerate(self.options, 1):
            lines.append(f"  {number}. {text}")
        if self.kind == "checkboxes":
            lines.append("  " + t("console.checkboxes", lang))
        if self.kind == "datepicker":
            lines.append("  " + t("console.date_hint", lang))
        if self.kind == "timepicker":
            lines.append("  " + t("console.time_hint", lang))
        if self.initial:
            lines.append("  " + t("console.enter_keeps", lang, value=self._kept(names or {})))
        return "\n".join(lines) + "\n> "

    def _kept(self, names: dict[str, str]) -> str:
        labels = dict((value, text) for text, value in self.options)
        if self.initial in labels:
            return labels[self.initial]
        if self.kind in ("users_select", "multi_users_select"):
            return ", ".join("@" + names.get(u, u) for u in (self.initial or "").split(","))
        return self.initial or ""


def with_options(field_: Field, options: list[dict[str, Any]]) -> Field:
    """An external select's field once the app has offered options for what was typed."""
    offered = [(mrkdwn_to_text(o["text"]["text"]), o["value"]) for o in options]
    return Field(
        field_.block_id,
        field_.action_id,
        field_.label,
        field_.kind,
        field_.optional,
        offered,
        field_.initial,
        field_.hint,
    )


def modal_fields(view: dict[str, Any]) -> list[Field]:
    fields = []
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        offered = element.get("options") or [
            o
            for o in [element.get("initial_option")]
            if o  # an external select's choice
        ]
        options = [(mrkdwn_to_text(o["text"]["text"]), o["value"]) for o in offered]
        fields.append(
            Field(
                block_id=block["block_id"],
                action_id=element["action_id"],
                label=mrkdwn_to_text(block["label"]["text"]),
                kind=element["type"],
                optional=bool(block.get("optional")),
                options=options,
                initial=_initial(element),
                hint=mrkdwn_to_text((block.get("hint") or {}).get("text", "")),
            )
        )
    return fields


def _initial(element: dict[str, Any]) -> str | None:
    for key in (
        "initial_value",
        "initial_date",
        "initial_time",
        "initial_user",
        "initial_conversation",
        "initial_channel",
    ):
        if element.get(key):
            return str(element[key])
    if option := element.get("initial_option"):
        return option["value"]
    if element.get("initial_users"):
        return ",".join(element["initial_users"])
    return None


def state_value(
    field_: Field,
    raw: str,
    *,
    now: datetime | None = None,
    tz: ZoneInfo | None = None,
    people: People | None = None,
) -> dict[str, Any]:
    """The element's state for the typed answer; `Refused` names what is wrong. Given `now`
    and the person's zone, a date or time may be typed in words (`下周三`, `3pm`); given the
    workspace's people, a person is typed as people name them (`@li`, `李娜`), and only a
    person of the workspace is taken, as Slack's user picker offers no one else."""
    if people is not None and field_.kind in ("users_select", "multi_users_select"):
        raw = _user_ids(raw, people)
    raw = raw.strip() or (field_.initial or "")
    kind = field_.kind
    if kind in ("static_select", "radio_buttons", "external_select"):
        chosen = _choose(field_, raw)
        return {"type": kind, "selected_option": _option(chosen) if chosen else None}
    if kind == "checkboxes":
        parts = [p for p in raw.replace("，", ",").split(",") if p.strip()]
        return {"type": kind, "selected_options": [_option(_choose(field_, p)) for p in parts]}
    if kind == "users_select":
        return {"type": kind, "selected_user": raw or None}
    if kind == "multi_users_select":
        users = [u.strip() for u in raw.replace("，", ",").split(",") if u.strip()]
        return {"type": kind, "selected_users": users}
    if kind in ("conversations_select", "channels_select"):
        key = "selected_conversation" if kind == "conversations_select" else "selected_channel"
        return {"type": kind, key: raw or None}
    if kind == "datepicker":
        return {"type": kind, "selected_date": _picked_date(raw, now, tz) if raw else None}
    if kind == "timepicker":
        return {"type": kind, "selected_time": _picked_time(raw, now, tz) if raw else None}
    return {"type": kind, "value": raw or None}


def _user_ids(raw: str, people: People) -> str:
    """`@li, 赵敏` → `U_LI,U_ZHAO`; empty stays empty (the kept choice)."""
    ids = []
    for word in (w.strip() for w in raw.replace("，", ",").split(",")):
        if not word:
            continue
        someone = people.find(word)
        if someone is None:
            raise Refused("console.not_a_person", typed=word)
        ids.append(someone.user_id)
    return ",".join(ids)


def _choose(field_: Field, raw: str) -> Option | None:
    raw = raw.strip()
    if not raw:
        return None
    for option in field_.options:
        if raw.lower() in (option[0].lower(), option[1].lower()):
            return option
    if raw.isdecimal() and 1 <= int(raw) <= len(field_.options):  # not isdigit: ①
        return field_.options[int(raw) - 1]
    raise Refused("console.choose_number", high=len(field_.options))


def _picked_date(raw: str, now: datetime | None, tz: ZoneInfo | None) -> str:
    """A date picker's value (YYYY-MM-DD) for what was typed: a date, or words that say one
    read with Rapport's own date rules."""
    typed = unicodedata.normalize("NFKC", raw).strip()
    try:
        return date.fromisoformat(typed.replace("/", "-")).isoformat()
    except ValueError:
        pass
    if now is not None and tz is not None:
        reading = understand_when(typed, now=now, tz=tz)
        if isinstance(reading, Understood | InThePast):
            return reading.local.date().isoformat()
    raise Refused("console.date_expected", typed=raw)


def _picked_time(raw: str, now: datetime | None, tz: ZoneInfo | None) -> str:
    """A time picker's value (HH:MM, 24-hour) for `15:00`, `9:30` or words such as `3pm`."""
    typed = unicodedata.normalize("NFKC", raw).strip()
    if (match := _CLOCK.match(typed)) and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2])).strftime("%H:%M")
    if now is not None and tz is not None:
        reading = understand_when(typed, now=now, tz=tz)
        if isinstance(reading, Understood | InThePast):
            return reading.local.strftime("%H:%M")
    raise Refused("console.time_expected", typed=raw)


def _option(option: Option | None) -> dict[str, Any] | None:
    if option is None:
        return None
    return {"text": {"type": "plain_text", "text": option[0]}, "value": option[1]}
