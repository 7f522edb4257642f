"""`column` among a list of values, as one parameter on PostgreSQL (and, for a list given
when the statement runs, on SQLite).

`column.in_(values)` sends one parameter per value, and SQLAlchemy renders each into the
statement's text every time it runs (with asyncpg, a cast per value): thousands of card
ids or managers cost more in Python than the database spends on them (a roll-up's 4,000
named cards, a head's 2,500 people). `one_of` renders `column = ANY($1::TYPE[])` on
PostgreSQL, one array whatever the count, and the usual expanding `IN (...)` elsewhere.

`listed_in` is for the hot paths' statements, made once and run with each request's list
(issue 17): on SQLite the list is one JSON parameter read by `json_each`, so the statement's
text is the same whatever the count. An expanding `IN (...)` was rendered again at each run
(a tenth of a millisecond of Python for a find) and made a text per count, each prepared
anew by SQLite. Its values must be of the column's own kind (strings for a text column):
SQLite gives `json_each`'s values no affinity, so the number 7 would not match the text '7'.

SQLite's planner, with no statistics to go by, rates a list read from `json_each` less
selective than a list of parameters. Where the list names rows by their primary key and
another condition has an index of its own (a workspace's cards by id), that condition is
written `not_by_index`, so that the rows are fetched by id whatever the statistics say.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Boolean, ColumnElement, String, TypeDecorator, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeEngine

T = TypeVar("T")
PART = 500  # values per statement where each is a parameter (SQLite caps their count)


def parts(values: Sequence[T], dialect: Dialect) -> Iterator[Sequence[T]]:
    """`values` in lists of PART for `one_of`; all at once on PostgreSQL, one parameter."""
    size = max(len(values), 1) if dialect.name == "postgresql" else PART
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _OneOf(FunctionElement[bool]):
    """Arguments: the column, its values as one array parameter (PostgreSQL's), the same
    values as an expanding parameter (every other database's). Both are arguments so that
    a statement cached with other values takes this one's; each dialect renders one."""

    type = Boolean()
    name = "one_of"
    inherit_cache = True
    # a comparison, as IN is: not `(… IN (…)) = 1` in a WHERE on SQLite (which has no
    # boolean type), where its planner could no longer use an index for the list
    _is_implicitly_boolean = True


def one_of(column: ColumnElement[Any] | Mapped[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """`column IN values`; the values sorted and without repeats, so that equal lists make
    equal statements."""
    column = _expression(column, "one_of")
    listed = sorted(set(values))
    array = bindparam(None, listed, type_=ARRAY(_element(column)))
    expanding = bindparam(None, listed, type_=column.type, expanding=True)
    return _OneOf(column, array, expanding)


@compiles(_OneOf, "postgresql")
def _any_of_array(element: _OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, array, _ = element.clauses
    return _any(compiler, column, array, **kw)


@compiles(_OneOf)
def _in_list(element: _OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, _, expanding = element.clauses
    return compiler.process(column.in_(expanding), **kw)


def _any(compiler: SQLCompiler, column: ClauseElement, array: ClauseElement, **kw: Any) -> str:
    return f"{compiler.process(column, **kw)} = ANY ({compiler.process(array, **kw)})"


class _JsonList(TypeDecorator[Sequence[Any]]):
    """A list sent as one JSON text (SQLite's `json_each` reads it back)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Sequence[Any] | None, dialect: Dialect) -> str:
        return json.dumps(list(value or ()), ensure_ascii=False, separators=(",", ":"))


class _ListedIn(FunctionElement[bool]):
    """Arguments: the column, then the one parameter as each dialect sends it: an array
    (PostgreSQL), a JSON text (SQLite), an expanding list (any other)."""

    type = Boolean()
    name = "listed_in"
    inherit_cache = True
    _is_implicitly_boolean = True  # as for _OneOf


def listed_in(column: ColumnElement[Any] | Mapped[Any], name: str) -> ColumnElement[bool]:
    """`column IN` the list given as parameter `name` when the statement runs."""
    column = _expression(column, "listed_in")
    return _ListedIn(
        column,
        bindparam(name, type_=ARRAY(_element(column))),
        bindparam(name, type_=_JsonList()),
        bindparam(name, type_=column.type, expanding=True),
    )


@compiles(_ListedIn, "postgresql")
def _listed_any(element: _ListedIn, compiler: SQLCompiler, **kw: Any) -> str:
    column, array, _, _ = element.clauses
    return _any(compiler, column, array, **kw)


@compiles(_ListedIn, "sqlite")
def _listed_json(element: _ListedIn, compiler: SQLCompiler, **kw: Any) -> str:
    column, _, text, _ = element.clauses
    values = f"SELECT value FROM json_each({compiler.process(text, **kw)})"
    return f"{compiler.process(column, **kw)} IN ({values})"


@compiles(_ListedIn)
def _listed_expanding(element: _ListedIn, compiler: SQLCompiler, **kw: Any) -> str:
    column, _, _, expanding = element.clauses
    return compiler.process(column.in_(expanding), **kw)


def _expression(column: ColumnElement[Any] | Mapped[Any], taker: str) -> ColumnElement[Any]:
    """The column a model's attribute (col(Model.field)) stands for; anything else refused."""
    if isinstance(column, QueryableAttribute):
        column = column.expression
    if not isinstance(column, ColumnElement):
        raise TypeError(f"{taker} takes a column, not {type(column).__name__}")
    return column


def _element(column: ColumnElement[Any]) -> TypeEngine[Any]:
    """The array's element type: a text column's without its length, as an expanding list
    sends each value (PostgreSQL cuts a value cast to VARCHAR(32) to 32 characters, so a
    longer one would match the row its start names). The column's own collation decides
    the comparison, so its index is used."""
    kind = column.type
    text = kind.impl_instance if isinstance(kind, TypeDecorator) else kind
    if isinstance(text, String) and text.length is not None:
        return String()
    return kind


class _NotByIndex(FunctionElement[Any]):
    name = "not_by_index"
    inherit_cache = True


def not_by_index(column: ColumnElement[Any] | Mapped[Any]) -> ColumnElement[Any]:
    """`column`, written on SQLite so that its planner does not choose the column's index
    for the condition (`+column`): beside a list of primary keys (`listed_in`), the rows are
    then fetched by id. Elsewhere the column as it is."""
    column = _expression(column, "not_by_index")
    marked = _NotByIndex(column)
    marked.type = column.type
    return marked


@compiles(_NotByIndex, "sqlite")
def _unary_plus(element: _NotByIndex, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return f"+{compiler.process(column, **kw)}"


@compiles(_NotByIndex)
def _as_it_is(element: _NotByIndex, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return compiler.process(column, **kw)
