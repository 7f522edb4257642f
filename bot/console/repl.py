"""`rapport console`: type slash commands, answer modals field by field, read replies."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import tzlocal

from bot.clock import StartedClock, SystemClock
from bot.console.forms import FormCancelled, fill_modal
from bot.console.harness import Harness
from bot.console.identities import become, describe, is_zone, list_people, locale_of
from bot.console.people import People, Someone
from bot.console.postings import save_file, where_shown
from bot.console.render import Clickable, Reader, clickables, render_blocks
from bot.console.sandbox import GUEST, arrive, sandbox_story, share_channel
from bot.console.slack_double import Posting
from bot.console.terminal import Terminal
from bot.console.workspace import Workspace
from bot.i18n import Lang, t
from bot.settings import Settings, shown_database

Ask = Callable[[str], Awaitable[str | None]]  # None: end of input; KeyboardInterrupt: Ctrl-C
CHANNEL = "C_LOCAL"
COLLEAGUE = "U_COLLEAGUE"  # who wrote the messages a console shortcut is used on
ESCAPED_COMMANDS = frozenset({"/customer"})  # `should_escape: true` in manifest.yml
QUIT = ("quit", "exit", "退出")
PROMPT = "rapport> "


async def run_console(
    settings: Settings,
    *,
    command: str | None,
    user: str,
    lang: str | None,
    tz: str | None,
    new_database: bool = False,
    start: datetime | None = None,
) -> int:
    if tz is not None and not is_zone(tz):
        print(t("console.bad_zone", _lang_of(lang), zone=tz), file=sys.stderr)
        return 2
    clock = StartedClock(start) if start is not None else SystemClock()
    async with Harness(settings, clock=clock) as harness:
        arrival = await arrive(
            harness,
            user=user,
            locale=None if lang is None else locale_of(lang),
            tz=tz,
            default_locale=locale_of(_lang_of(lang)),
            default_tz=tzlocal.get_localzone_name() or "UTC",
        )
        terminal = Terminal()
        console = Console(harness, arrival.people, user=user, ask=terminal.ask, out=print)
        where = shown_database(settings.database_url)
        database = t(
            "console.database_new" if new_database else "console.database", console.lang, path=where
        )
        if command is not None:
            print(database, file=sys.stderr)
            return await console.run_line(command)
        terminal.install()
        print(t("console.banner", console.lang))
        print(database)
        if arrival.new_sandbox:
            print(sandbox_story(console.lang))
        print(console.you_are())
        await console.repl()
    return 0


class Console:
    def __init__(
        self,
        harness: Harness,
        people: People,
        *,
        user: str,
        ask: Ask,
        out: Callable[[str], Any],
        files: Path | None = None,
    ) -> None:
        self.harness = harness
        self.people = people
        self.user = user
        self._ask = ask
        self.out = out
        self.files = files or Path.cwd()  # where exported files are saved
        self.clickables: list[tuple[Posting, Clickable]] = []
        self.refusals_shown = 0

    def now(self) -> datetime:
        """The app's clock: the console may have started at another moment (`--now`)."""
        assert self.harness.service is not None
        return self.harness.service.clock.now()

    async def ask(self, prompt: str) -> str | None:
        """The person's answer (None: end of input; KeyboardInterrupt: Ctrl-C)."""
        answer = await self._ask(prompt)
        return None if answer is None else readable(answer)

    @property
    def workspace(self) -> Workspace:
        assert self.harness.workspace is not None
        return self.harness.workspace

    @property
    def me(self) -> Someone:
        return self.people.by_id[self.user]

    @property
    def lang(self) -> Lang:
        return self.me.lang

    @property
    def reader(self) -> Reader:
        return Reader(tz=ZoneInfo(self.me.tz), lang=self.lang, names=self.people.names())

    async def repl(self) -> None:
        """Lines until `quit` or Ctrl-D; Ctrl-C clears the line (and cancels a form)."""
        while True:
            try:
                line = await self.ask(PROMPT)
            except KeyboardInterrupt:
                continue
            if line is None or line.strip() in QUIT:
                return
            if line.strip():
                await self.run_line(line)

    async def run_line(self, line: str) -> int:
        line = readable(line)  # `-c` text comes from the command line, as undecoded as stdin
        seen = len(self.harness.slack.postings)
        word, _, rest = line.strip().partition(" ")
        if (number := _click_number(line)) is not None:
            if not 1 <= number <= len(self.clickables):
                self.out(t("console.no_button", self.lang, number=number))
                return 1
            posting, clickable = self.clickables[number - 1]
            answer = await self.workspace.click(posting, clickable, user=self.user)
        elif line.lstrip().startswith("/"):
            command = line.strip().split(maxsplit=1)[0]
            if command in ESCAPED_COMMANDS:
                line = self.people.escape_mentions(line)
            answer = await self.workspace.command(line, user=self.user, channel=CHANNEL)
        elif word == "shortcut":
            callback_id, _, text = rest.strip().partition(" ")
            answer = await self.workspace.message_shortcut(
                callback_id, text, user=self.user, channel=CHANNEL, author=COLLEAGUE
            )
        elif word == "home" and not rest:
            answer = await self.workspace.event(
                {"type": "app_home_opened", "user": self.user, "tab": "home"},
                event_id=f"Ev{uuid.uuid4().hex[:12].upper()}",
            )
        elif word == "jobs":
            return await self._run_jobs(rest)
        elif word == "as":
            return await become(self, rest)
        elif word == "people" and not rest:
            return await list_people(self)
        elif word == "share" and not rest:
            answer = await self.workspace.event(
                share_channel(self.harness, CHANNEL, GUEST),
                event_id=f"Ev{uuid.uuid4().hex[:12].upper()}",
            )
            self.out(t("console.shared", self.lang, channel=CHANNEL, guest=GUEST.display_name))
        elif word == "paste" and not rest:
            return await self._paste()
        elif word == "help" and not rest:
            self.out(t("console.help", self.lang, folder=self.files))
            return 0
        else:
            self.out(t("console.not_a_command", self.lang))
            return 1
        await self.harness.settle()
        if answer.status != 200:
            self.out(t("console.http_error", self.lang, status=answer.status))
            return 1
        await self.show_since(seen)
        return 1 if self.show_refusals() else 0

    def show_refusals(self) -> int:
        """What Slack would have refused since last shown: named instead of shown."""
        refusals = self.harness.slack.refusals[self.refusals_shown :]
        self.refusals_shown += len(refusals)
        for refusal in refusals:
            self.out(t("console.slack_refuses", self.lang, problem=refusal))
        return len(refusals)

    async def show_since(self, seen: int) -> None:
        for posting in self.harness.slack.postings[seen:]:
            if posting.kind == "modal":
                try:
                    await fill_modal(self, posting.raw["view"])
                except FormCancelled:
                    self.out(t("console.form_cancelled", self.lang))
                    return
            elif posting.kind == "file":
                self._save_file(posting)
            else:
                text = render_blocks(posting.blocks, fallback=posting.text, reader=self.reader)
                self.out(where_shown(posting, self.lang) + "\n" + text)
                self._offer_clicks(posting)

    def _offer_clicks(self, posting: Posting) -> None:
        found = clickables(posting.blocks, self.reader)
        if posting.kind == "update":  # the buttons of the message it replaced are gone
            gone = posting.raw.get("ts")
            self.clickables = [(p, c) for p, c in self.clickables if p.ts != gone]
        if not found:
            return
        self.clickables = [(posting, c) for c in found]
        self.offer(found)

    def offer(self, found: list[Clickable]) -> None:
        choices = " · ".join(f"{n}) {c.label}" for n, c in enumerate(found, 1))
        self.out("  " + t("console.click_hint", self.lang, choices=choices))

    def _save_file(self, posting: Posting) -> None:
        """A file the app uploads lands in the working directory, never over another file."""
        name, target = save_file(posting, self.files)
        self.out(t("console.file_saved", self.lang, name=name, path=target))

    async def _run_jobs(self, rest: str) -> int:
        """`jobs reminders [ISO time]`: run one sweep as of that time and show what it posts."""
        assert self.harness.service is not None
        sweep, *when = rest.split() or [""]
        try:
            now = datetime.fromisoformat(when[0]) if when else self.now()
            if now.tzinfo is None:
                raise ValueError("no offset")
        except ValueError:
            self.out(t("console.jobs_time", self.lang))
            return 1
        jobs = self.harness.service.jobs
        if sweep not in ("reminders", "briefs"):
            self.out(t("console.jobs_usage", self.lang))
            return 1
        seen = len(self.harness.slack.postings)
        report = await (jobs.run_reminders(now) if sweep == "reminders" else jobs.run_briefs(now))
        await self.show_since(seen)
        self.out(report.lines()[-1])
        return 1 if self.show_refusals() else 0

    def you_are(self) -> str:
        return t("console.you_are", self.lang, person=describe(self.me, self.lang))

    async def _paste(self) -> int:
        """Long or many-line text, for terminals that would send each pasted line alone."""
        self.out(t("console.paste_start", self.lang))
        lines: list[str] = []
        while True:
            try:
                line = await self.ask("")
            except KeyboardInterrupt:
                self.out(t("console.paste_cancelled", self.lang))
                return 1
            if line is None or line.strip() == ".":
                break
            lines.append(line)
        text = "\n".join(lines).strip()
        return await self.run_line(text) if text else 0


def readable(text: str) -> str:
    """Text safe to send on: bytes that were not UTF-8 (or a character cut in half) become
    U+FFFD instead of lone surrogates that no encoder accepts."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def _click_number(line: str) -> int | None:
    word, _, number = line.strip().partition(" ")
    return int(number) if word in ("click", "点击") and number.strip().isdecimal() else None


def _lang_of(lang: str | None) -> Lang:
    if lang is None:
        return "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"
    return "zh" if lang == "zh" else "en"
