"""What the console shows of a posting: where Slack would show it, and a file it carries
saved where the person can open it."""

from __future__ import annotations

from pathlib import Path

from bot.console.slack_double import Posting
from bot.i18n import Lang, t


def where_shown(posting: Posting, lang: Lang) -> str:
    if posting.kind in ("response", "ephemeral"):
        return t("console.where.private", lang)
    if posting.kind == "message" and is_direct(posting.channel or ""):
        return t("console.where.dm", lang)
    if posting.kind == "message":
        return t("console.where.channel", lang, channel=posting.channel)
    if posting.kind in ("update", "home"):
        return t(f"console.where.{posting.kind}", lang)
    return f"[{posting.kind}]"


def is_direct(channel: str) -> bool:
    """A DM: Slack's D… channels, or a user id given as the channel (Rapport's DMs)."""
    return channel.startswith(("D", "U", "W"))


def save_file(posting: Posting, folder: Path) -> tuple[str, Path]:
    """The posting's file written in `folder` under its own name, numbered rather than over
    another file: its name and where it went."""
    stored = posting.raw.get("file") or {}
    name = Path(stored.get("name") or "rapport-file").name
    target = folder / name
    for number in range(2, 1000):
        if not target.exists():
            break
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
    target.write_bytes(stored.get("data") or b"")
    return name, target
