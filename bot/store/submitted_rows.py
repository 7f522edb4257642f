"""The rows a form makes keep the submission that made them (`created_from`, the key of
bot/customers/cards.submission_key) under a unique index: a second copy of the submission —
Slack sends a form again when its answer was late, a person may press Save twice — is
refused by the INSERT of its row, which the save sends anyway. Its transaction rolls back
and nothing of it is saved (bot/customers/submissions.py `saved_once` tells the person).
A form that makes none of these rows claims its submission in form_submission instead, one
statement more (issue 17)."""

from __future__ import annotations

from functools import cache

from sqlalchemy import exists
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest, Requirement
from bot.store.maintenance_models import PlanActivity, PlanNote, PlanReview
from bot.store.sales_models import Document
from bot.store.types import table_of

SUBMITTED_ROWS: tuple[type[SQLModel], ...] = (
    ChangeRequest,
    Requirement,
    PlanActivity,
    PlanNote,
    PlanReview,
    Document,  # a message's files: the first of them
)


SubmittedRow = type[ChangeRequest | Requirement | PlanActivity | PlanNote | PlanReview | Document]


async def made_by(*, session: AsyncSession, model: SubmittedRow, key: str) -> bool:
    """Whether a row of `model` was made by the submission `key`: asked only where a second
    copy would not reach that row's INSERT (its rules refuse it, or make another row)."""
    found = await session.exec(select(exists().where(col(model.created_from) == key)))
    return bool(found.one())


def made_before(error: IntegrityError) -> bool:
    """Whether `error` is a row's unique `created_from` refusing a submission's second copy."""
    said = str(error.orig)
    return any(sign in said for sign in _signs())


@cache
def _signs() -> tuple[str, ...]:
    """How each database names the refusal: PostgreSQL by the index's name, SQLite by its
    column. Each index is looked up, so that a table renamed or an index dropped fails here."""
    signs: list[str] = []
    for model in SUBMITTED_ROWS:
        table = table_of(model)
        name = f"uq_{table.name}_created_from"
        (index,) = (i for i in table.indexes if i.name == name and i.unique)
        signs.append(f'unique constraint "{index.name}"')
        signs.append(f"UNIQUE constraint failed: {table.name}.created_from")
    return tuple(signs)
