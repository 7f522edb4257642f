"""Slash commands with subcommands: `/customer new …`, `/log help`."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import is_admin
from bot.commands.errors import SUBCOMMAND, guarded
from bot.commands.replies import HELP_WORDS, ack_help
from bot.customers.refusals import AdminsOnly
from bot.inflight import InFlight
from bot.parsing import split_subcommand

Subcommand = Callable[..., Awaitable[None]]


class SlashRouter:
    """Routes the first word of a slash command to its handler; anything else gets the help."""

    def __init__(
        self, command: str, *, default: Subcommand | None = None, escaped: bool = False
    ) -> None:
        """`default` takes any text whose first word is no subcommand (`/log hp …`);
        `escaped`: the manifest has Slack escape this command (mentions arrive as <@U…>, and
        &, <, > as entities, which are turned back here)."""
        self.command = command
        self.default = default
        self.escaped = escaped
        self._handlers: dict[str, tuple[str, Subcommand, bool]] = {}

    def subcommand(self, *words: str, admin: bool = False) -> Callable[[Subcommand], Subcommand]:
        """`words`: the English word first, then its synonyms (`"show", "查看"`). `admin`:
        workspace admins only — refused here, before the handler runs."""

        def add(handler: Subcommand) -> Subcommand:
            for word in words:
                self._handlers[word] = (words[0], handler, admin)
            return handler

        return add

    def register(self, app: AsyncApp, inflight: InFlight) -> None:
        async def listener(
            ack: AsyncAck,
            command: dict[str, Any],
            context: AsyncBoltContext,
            client: AsyncWebClient,
            respond: AsyncRespond,
        ) -> None:
            text = command.get("text") or ""
            if self.escaped:
                text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            word, rest = split_subcommand(text)
            name, handler, admin = self._handlers.get(word, ("", None, False))
            if handler is None and self.default is not None and word not in HELP_WORDS:
                handler, rest = self.default, text.strip()
            if handler is None:
                await ack_help(ack, self.command, context, word)
                return
            context[SUBCOMMAND] = name
            if admin and not is_admin(context):
                raise AdminsOnly()  # told by `reported`, in the person's language
            offered = {
                "ack": ack,
                "rest": rest,
                "command": command,
                "context": context,
                "client": client,
                "respond": respond,
            }
            await handler(**_wanted(handler, offered))

        app.command(self.command)(guarded(inflight, listener))


def _wanted(handler: Subcommand, offered: dict[str, object]) -> dict[str, object]:
    """The arguments `handler` declares (all of them if it takes **kwargs), as Bolt does."""
    names = _declared(handler)
    if names is None:
        return offered
    return {name: offered[name] for name in names if name in offered}


@cache
def _declared(handler: Subcommand) -> tuple[str, ...] | None:
    """`handler`'s parameter names, None if it takes **kwargs: read once, not per command
    (issue 17: inspect.signature was 1% of a command's CPU)."""
    parameters = inspect.signature(handler).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return tuple(p.name for p in parameters)
