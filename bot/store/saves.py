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


class Wrote:
    """Whether the running transaction has sent a statement that writes."""

    __slots__ = ("yes",)

    def __init__(self) -> None:
        self.yes = False


_WATCHED: ContextVar[Saves | None] = ContextVar("rapport_saves", default=None)
_WROTE: ContextVar[Wrote | None] = ContextVar("rapport_transaction_wrote", default=None)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


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


class TransactionWatch:
    """Around one transaction: what its statements write is noted on the Wrote it gives
    (`committed` counts it); `counts=False` for what Rapport keeps for itself. A class, not
    a generator: it runs around every transaction (issue 17)."""

    __slots__ = ("_counts", "_token", "_wrote")

    def __init__(self, *, counts: bool) -> None:
        self._counts = counts
        self._wrote = Wrote()

    def __enter__(self) -> Wrote:
        self._token = _WROTE.set(self._wrote if self._counts else None)
        return self._wrote

    def __exit__(self, *_: object) -> None:
        _WROTE.reset(self._token)


def committed(wrote: Wrote) -> None:
    """The transaction that noted `wrote` has committed: its writes are saved."""
    saves = _WATCHED.get()
    if saves is not None and wrote.yes:
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
    wrote = _WROTE.get()
    if wrote is None or wrote.yes:
        return
    if context is None or context.is_text:  # SQL text: read from its words
        wrote.yes = writes(statement)
    elif context.isinsert or context.isupdate or context.isdelete:
        wrote.yes = True
    elif not context.isddl and not statement.startswith("SELECT"):
        # compiled, but not flagged: a WITH whose body writes, text() given columns
        wrote.yes = writes(statement)


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
