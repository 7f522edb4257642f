"""Whether a request's work has saved anything yet: what an error after a save must not
deny. A command whose change was committed and whose reply then failed told the person
"nothing was saved", and they sent it again: a second record (issue 17: every command is
either done and confirmed, or refused and said so).

The edge watches a request's work (`watch_saves`, bot/commands/errors.py `reported`); a
statement that writes marks its transaction, and `Database.transaction` counts the mark
once that transaction has committed (`settle`).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine


class Saves:
    """What the watched work has written: `pending` in a transaction not yet committed,
    `made` once one that wrote has committed."""

    __slots__ = ("made", "pending")

    def __init__(self) -> None:
        self.made = False
        self.pending = False


_WATCHED: ContextVar[Saves | None] = ContextVar("rapport_saves", default=None)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def watch_saves() -> Saves:
    """From here on, in this task and the tasks it starts, what is saved is noted on the
    Saves returned (a new one: an earlier request's never counts)."""
    saves = Saves()
    _WATCHED.set(saves)
    return saves


def saves_made() -> bool:
    """Whether the watched work has committed a write (False when nothing is watched)."""
    saves = _WATCHED.get()
    return saves is not None and saves.made


def settle(*, committed: bool) -> None:
    """The end of a transaction of the watched work: its writes count as saved if it
    committed, and are forgotten if it rolled back."""
    saves = _WATCHED.get()
    if saves is not None:
        saves.made = saves.made or (committed and saves.pending)
        saves.pending = False


def watch_writes(engine: AsyncEngine) -> None:
    event.listen(engine.sync_engine, "before_cursor_execute", _noted)


def _noted(
    _connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    context: DefaultExecutionContext | None,
    _many: bool,
) -> None:
    saves = _WATCHED.get()
    if saves is None or saves.pending:
        return
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        saves.pending = True
    elif _writes(statement):  # text(), or a WITH whose body writes
        saves.pending = True


def _writes(statement: str) -> bool:
    head = statement.lstrip()[:7].upper()
    if head.startswith(_WRITES):
        return True
    return head.startswith("WITH") and any(f"{verb} " in statement.upper() for verb in _WRITES)
