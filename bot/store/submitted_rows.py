"""The rows a form makes keep the submission that made them (`created_from`, the key of
bot/customers/cards.submission_key) under a unique index: a second copy of the submission —
Slack sends a form again when its answer was late, a person may press Save twice — is
refused by the INSERT of its row, which the save sends anyway. Its transaction rolls back
and nothing of it is saved (bot/customers/submissions.py `saved_once` tells the person).
A save that writes none of these rows keeps its key on the first line of the card's history
or contact record it writes (CustomerEvent, ContactRecord: bot/store/submissions.py), or
claims it in form_submission (issue 17)."""

from __future__ import annotations

from functools import cache
from typing import get_args

from sqlalchemy import exists, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest, Requirement
from bot.store.maintenance_models import PlanActivity, PlanNote, PlanReview
from bot.store.models import Customer, CustomerEvent
from bot.store.record_tables import ContactRecord
from bot.store.request_tables import FormSubmission
from bot.store.sales_models import Document
from bot.store.types import table_of
from bot.store.unique_refusals import refusal_signs, refused_by

SubmittedModel = (
    ChangeRequest
    | Requirement
    | PlanActivity
    | PlanNote
    | PlanReview
    | Document
    | CustomerEvent
    | ContactRecord
)
SubmittedRow = type[SubmittedModel]
# the tables whose rows keep the submission that made them (a message's files: the first;
# a save's history lines or records: the first it writes)
SUBMITTED_ROWS: tuple[SubmittedRow, ...] = get_args(SubmittedModel)


async def saved_before(*, session: AsyncSession, team_id: str, key: str) -> bool:
    """Whether the submission `key` was saved: a row keeps it, a card was made by it, or it
    was claimed. Asked of a second copy its rules refused or would turn into something else
    (the first changed the card), so that it is told it was saved: one statement, on that
    path."""
    kept = [exists().where(col(model.created_from) == key) for model in SUBMITTED_ROWS]
    made_a_card = exists().where(
        col(Customer.team_id) == team_id, col(Customer.created_from) == key
    )
    claimed = exists().where(col(FormSubmission.team_id) == team_id, col(FormSubmission.key) == key)
    found = await session.exec(select(or_(*kept, made_a_card, claimed)))
    return bool(found.one())


def made_before(error: IntegrityError) -> bool:
    """Whether `error` is a row's unique `created_from` refusing a submission's second copy."""
    return refused_by(error, _signs())


@cache
def _signs() -> tuple[str, ...]:
    """Each table's refusal of a second copy, as each database words it. Each index is
    looked up, so that a table renamed or an index dropped fails here."""
    signs: list[str] = []
    for model in SUBMITTED_ROWS:
        table = table_of(model)
        name = f"uq_{table.name}_created_from"
        (index,) = (i for i in table.indexes if i.name == name and i.unique)
        signs += refusal_signs(table, name, index.columns)
    return tuple(signs)
