"""`column` among a list of values, as one parameter on PostgreSQL.

`column.in_(values)` sends one parameter per value, and SQLAlchemy renders each into the
statement's text every time it runs (with asyncpg, a cast per value): thousands of card
ids or managers cost more in Python than the database spends on them (a roll-up's 4,000
named cards, a head's 2,500 people). `one_of` renders `column = ANY($1::TYPE[])` on
PostgreSQL, one array whatever the count, and the usual expanding `IN (...)` elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Boolean, ColumnElement, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

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
    if isinstance(column, QueryableAttribute):  # a model's attribute (col(Model.field))
        column = column.expression
    if not isinstance(column, ColumnElement):
        raise TypeError(f"one_of takes a column, not {type(column).__name__}")
    listed = sorted(set(values))
    array = bindparam(None, listed, type_=ARRAY(column.type))
    expanding = bindparam(None, listed, type_=column.type, expanding=True)
    return _OneOf(column, array, expanding)


@compiles(_OneOf, "postgresql")
def _any_of_array(element: _OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, array, _ = element.clauses
    return f"{compiler.process(column, **kw)} = ANY ({compiler.process(array, **kw)})"


@compiles(_OneOf)
def _in_list(element: _OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, _, expanding = element.clauses
    return compiler.process(column.in_(expanding), **kw)
