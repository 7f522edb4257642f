"""Whether a request's work has saved anything yet: what an error after a save must not
deny. A command whose change was committed and whose reply then failed told the person
"nothing was saved", and they sent it again: a second record (issue 17: every command is
either done and confirmed, or refused and said so).

The edge watches a request's work (`watch_saves`, bot/commands/errors.py `reported`). Each
`Database.transaction` notes whether a statement of its own wrote (`TransactionWatch`),
and counts that once it has committed; a sibling's or a nested transaction has its own
note. What Rapport keeps for itself (a cached profile, a kept health) never counts.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine


class Saves:
    """`made`: a transaction of the watched work wrote and committed."""

    __slots__ = ("made",)

    def __init__(self) -> None:
        self.made = False


_WATCHED: ContextVar[Saves | None] = ContextVar("rapport_saves", default=None)
_RUNNING: ContextVar[TransactionWatch | None] = ContextVar("rapport_transaction", default=None)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


def watch_saves() -> None:
    """From here on, in this task and the tasks it starts, what is saved is noted (afresh:
    an earlier request's never counts)."""
    _WATCHED.set(Saves())


def saves_made() -> bool:
    """Whether the watched work has committed a write (False when nothing is watched)."""
    saves = _WATCHED.get()
    return saves is not None and saves.made


class TransactionWatch:
    """Around one transaction: whether its statements wrote (`wrote`), counted as saved once
    it has committed (`committed`); `counts=False` for what Rapport keeps for itself. A
    class, not a generator: it runs around every transaction (issue 17)."""

    __slots__ = ("_counts", "_token", "wrote")

    def __init__(self, *, counts: bool) -> None:
        self._counts = counts
        self.wrote = False

    def __enter__(self) -> TransactionWatch:
        self._token = _RUNNING.set(self if self._counts else None)
        return self

    def __exit__(self, *_: object) -> None:
        _RUNNING.reset(self._token)

    def committed(self) -> None:
        """The transaction has committed: what it wrote is saved."""
        saves = _WATCHED.get()
        if saves is not None and self.wrote:
            saves.made = True


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
    running = _RUNNING.get()
    if running is not None and not running.wrote:
        running.wrote = statement_writes(statement, context)


def statement_writes(statement: str, context: DefaultExecutionContext | None) -> bool:
    """Whether a statement about to be sent writes: as SQLAlchemy compiled it, or from its
    words when it is SQL text or a write SQLAlchemy does not flag (a WITH whose body
    writes, text() given columns)."""
    if context is None or context.is_text:
        return writes(statement)
    if context.isinsert or context.isupdate or context.isdelete:
        return True
    return not context.isddl and not statement.startswith("SELECT") and writes(statement)


def writes(statement: str) -> bool:
    """Whether SQL text writes: it begins with a verb that writes, or is a WITH that holds
    one (a read's FOR UPDATE is not a write)."""
    words = statement.lstrip(" \t\n(").upper()
    if words.startswith(_WRITES):
        return True
    if not words.startswith("WITH"):
        return False
    found = words.replace("FOR UPDATE", "").replace("\n", " ")
    return any(f" {verb} " in found or f"({verb} " in found for verb in _WRITES)
