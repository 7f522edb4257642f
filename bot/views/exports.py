"""What `/customer export` says, and the name and title of the file it sends.

`kind` is what was exported: customers, contacts or logs (bot/imports/export.py; the
views do not import the CSV builders, so the counts come as numbers)."""

from __future__ import annotations

from bot.i18n import Lang, t
from bot.views.blocks import Reply, md


def export_file_name(kind: str) -> str:
    return f"rapport-{kind}.csv"


def export_file_title(kind: str, lang: Lang) -> str:
    return t(f"export.title.{kind}", lang)


def build_export_sent(kind: str, *, rows: int, customers: int, lang: Lang) -> Reply:
    """`rows`: customers, contacts or contact records written; `customers`: cards covered."""
    return Reply(t(f"export.sent.{kind}", lang, count=rows, customers=customers))


def build_export_failed(error: str, lang: Lang) -> Reply:
    """Slack refused the file: its error code, as Slack said it."""
    return Reply(md("export.failed", lang, error=error))
