"""Splitting what people type after a slash command."""

from __future__ import annotations


def split_subcommand(text: str | None) -> tuple[str, str]:
    """`"new 惠普 中国"` → `("new", "惠普 中国")`; the subcommand is case-insensitive."""
    head, _, rest = (text or "").strip().partition(" ")
    return head.lower(), rest.strip()
