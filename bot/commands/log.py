"""/log: contact records."""

from __future__ import annotations

from bot.commands.router import SlashRouter

router = SlashRouter("/log")
