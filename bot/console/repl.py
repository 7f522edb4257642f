"""`rapport console`: type slash commands, answer modals field by field, read replies."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import tzlocal

from bot.clock import StartedClock, SystemClock
from bot.console.harness import Harness
from bot.console.modal import Field, modal_fields, state_value, with_options
from bot.console.render import Clickable, clickables, render_blocks
from bot.console.slack_double import Posting
from bot.settings import Settings

Ask = Callable[[str], Awaitable[str | None]]
CHANNEL = "C_LOCAL"
COLLEAGUE = "U_COLLEAGUE"  # who wrote the messages a console shortcut is used on
BANNER = (
    "Rapport console — type /customer help or /log help; `quit` to leave.\n"
    "Everything Rapport posts is printed here; modals are asked field by field.\n"
    "`click N` presses the Nth button of the last message;\n"
    "`shortcut log_message <text>` runs “Log to customer” on a message with that text;\n"
    "`jobs reminders [2026-11-23T15:00+08:00]` runs the reminder sweep as of that time."
)


async def run_console(
    settings: Settings,
    *,
    command: str | None,
    user: str,
    lang: str | None,
    tz: str | None,
    start: datetime | None = None,
) -> int:
    clock = StartedClock(start) if start is not None else SystemClock()
    # the person at the console is the admin of their own sandbox
    async with Harness(replace(settings, admins=settings.admins | {user}), clock=clock) as harness:
        await harness.act_as(
            user, name="You", locale=_locale(lang), tz=tz or tzlocal.get_localzone_name() or "UTC"
        )
        console = Console(harness, user=user, ask=_ask_stdin, out=print)
        if command is not None:
            return await console.run_line(command)
        print(BANNER)
        while (line := await _ask_stdin("rapport> ")) is not None:
            if line.strip() in ("quit", "exit", "退出"):
                break
            if line.strip():
                await console.run_line(line)
    return 0


class Console:
    def __init__(self, harness: Harness, *, user: str, ask: Ask, out: Callable[[str], Any]) -> None:
        self.harness = harness
        self.user = user
        self.ask = ask
        self.out = out
        self.clickables: list[tuple[Posting, Clickable]] = []
        self.refusals_shown = len(harness.slack.refusals)

    async def run_line(self, line: str) -> int:
        assert self.harness.workspace is not None
        seen = len(self.harness.slack.postings)
        if (number := _click_number(line)) is not None:
            if not 1 <= number <= len(self.clickables):
                self.out(f"There is no button {number}.")
                return 1
            posting, clickable = self.clickables[number - 1]
            answer = await self.harness.workspace.click(posting, clickable, user=self.user)
        elif line.startswith("/"):
            answer = await self.harness.workspace.command(line, user=self.user, channel=CHANNEL)
        elif line.startswith("jobs "):
            return await self._run_jobs(line)
        elif line.startswith("shortcut "):
            _, callback_id, text = [*line.split(maxsplit=2), "", ""][:3]
            answer = await self.harness.workspace.message_shortcut(
                callback_id, text, user=self.user, channel=CHANNEL, author=COLLEAGUE
            )
        else:
            self.out(
                "Type a slash command such as /customer help, `click N`, or "
                "`shortcut log_message <a message's text>`."
            )
            return 1
        await self.harness.settle()
        if answer.status != 200:
            self.out(f"(Slack would show an error: HTTP {answer.status})")
            return 1
        await self._show_since(seen)
        return 1 if self._show_refusals() else 0

    async def _run_jobs(self, line: str) -> int:
        """`jobs reminders [ISO time]`: run one sweep as of that time and show what it posts."""
        assert self.harness.service is not None
        _, sweep, *when = line.split()
        try:
            now = datetime.fromisoformat(when[0]) if when else self.harness.service.clock.now()
            if now.tzinfo is None:
                raise ValueError("no offset")
        except ValueError:
            self.out("Give a time with its offset, e.g. jobs reminders 2026-11-23T15:00+08:00")
            return 1
        jobs = self.harness.service.jobs
        if sweep not in ("reminders", "briefs"):
            self.out("jobs reminders [time] or jobs briefs [time]")
            return 1
        seen = len(self.harness.slack.postings)
        report = await (jobs.run_reminders(now) if sweep == "reminders" else jobs.run_briefs(now))
        await self._show_since(seen)
        self.out(report.lines()[-1])
        return 1 if self._show_refusals() else 0

    async def _show_since(self, seen: int) -> None:
        for posting in self.harness.slack.postings[seen:]:
            if posting.kind == "modal":
                await self._fill_modal(posting.raw["view"])
            else:
                self.out(
                    _describe(posting) + "\n" + render_blocks(posting.blocks, fallback=posting.text)
                )
                self._offer_clicks(posting)

    def _show_refusals(self) -> int:
        """What Slack would have refused since last shown: named instead of shown."""
        refusals = self.harness.slack.refusals[self.refusals_shown :]
        self.refusals_shown += len(refusals)
        for refusal in refusals:
            self.out(f"(Slack would refuse this: {refusal})")
        return len(refusals)

    def _offer_clicks(self, posting: Posting) -> None:
        found = clickables(posting.blocks)
        if not found:
            return
        self.clickables = [(posting, c) for c in found]
        choices = " · ".join(f"{n}) {c.label}" for n, c in enumerate(found, 1))
        self.out(f"  (type `click N` — {choices})")

    async def _fill_modal(self, view: dict[str, Any]) -> None:
        """Ask every input; after errors, ask again only the fields that were refused."""
        assert self.harness.workspace is not None
        self.out(f"── {view.get('title', {}).get('text', '')} ──")
        fields = modal_fields(view)
        values: dict[str, Any] = {}
        wanted = {field.block_id for field in fields}
        while True:
            for field in fields:
                if field.block_id in wanted:
                    answer = (
                        await self._search(view, values, field)
                        if field.kind == "external_select"
                        else await self._ask_field(field)
                    )
                    values.setdefault(field.block_id, {})[field.action_id] = answer
            seen = len(self.harness.slack.postings)
            answer = await self.harness.workspace.submit_view(view, values, user=self.user)
            await self.harness.settle()
            if self._show_refusals():
                return  # Slack keeps the modal open with "We had some trouble connecting"
            errors = (
                answer.json.get("errors", {})
                if answer.json.get("response_action") == "errors"
                else {}
            )
            for block_id, message in errors.items():
                self.out(f"✗ {_label_of(fields, block_id)}: {message}")
            if not errors:
                break
            # a refused field, and any tick box (such as "Not a duplicate?") that may answer it
            wanted = set(errors) | {f.block_id for f in fields if f.kind == "checkboxes"}
        if answer.json.get("response_action") in ("update", "push"):
            await self._fill_modal(answer.json["view"])
        await self._show_since(seen)

    async def _search(
        self, view: dict[str, Any], values: dict[str, Any], field: Field
    ) -> dict[str, Any]:
        """An external select: ask what to search for, then offer what the app finds."""
        assert self.harness.workspace is not None
        while True:
            typed = await self.ask(
                f"{field.label} — type to search"
                + (" (Enter keeps the choice)" if field.initial else "")
                + ("" if not field.optional else " (optional)")
                + "\n> "
            )
            if typed is None:
                raise SystemExit("modal cancelled: no more input")
            if not typed.strip() and (field.initial or field.optional):
                return state_value(field, "")
            offered = await self.harness.workspace.suggest(
                view,
                values,
                block_id=field.block_id,
                action_id=field.action_id,
                typed=typed.strip(),
                user=self.user,
            )
            if offered:
                return await self._ask_field(with_options(field, offered))
            self.out("✗ nothing matches; try another word")

    async def _ask_field(self, field: Any) -> dict[str, Any]:
        while True:
            raw = await self.ask(field.prompt())
            if raw is None:
                raise SystemExit("modal cancelled: no more input")
            try:
                return state_value(field, raw)
            except ValueError as error:
                self.out(f"✗ {error}")


def _label_of(fields: list[Any], block_id: str) -> str:
    return next((f.label for f in fields if f.block_id == block_id), block_id)


def _click_number(line: str) -> int | None:
    word, _, number = line.strip().partition(" ")
    return int(number) if word in ("click", "点击") and number.strip().isdigit() else None


def _describe(posting: Posting) -> str:
    where = {
        "response": "only you can see this",
        "ephemeral": "only you can see this",
        "message": f"posted in {posting.channel}",
        "update": "message updated",
        "home": "your Home tab",
    }.get(posting.kind, posting.kind)
    return f"[{where}]"


def _locale(lang: str | None) -> str:
    if lang is None:
        lang = "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"
    return "zh-CN" if lang == "zh" else "en-US"


async def _ask_stdin(prompt: str) -> str | None:
    """Read a line without blocking the event loop (the app is serving on it)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    return line.rstrip("\n") if line else None
