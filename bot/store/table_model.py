"""The base of every table: SQLModel, its pydantic validator made at its first use."""

from __future__ import annotations

from sqlmodel import SQLModel
from sqlmodel.main import SQLModelConfig


class TableModel(SQLModel):
    """Rows come from the ORM and from the constructor, neither of which validates, so the
    server seldom needs a table's validator and serializer (a `model_dump` does): built when
    first used rather than with the class, 20 ms of the 53 tables' start-up (issue 17)."""

    model_config = SQLModelConfig(from_attributes=True, defer_build=True)
