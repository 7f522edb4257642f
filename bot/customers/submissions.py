"""A form is saved once per submission. Slack sends a view_submission again, with the same
view id, when its first one got no answer in time (and a person may press Save twice): the
second must save nothing. A form that makes a row keeping its submission (the card:
Customer.created_from; a change request, a requirement, an activity, a plan's notes or
review, a document: bot/store/submitted_rows.py) gives the row its key (`key_of`), and the
row's own INSERT refuses a second copy (`saved_once`). Any other form's use case claims its
submission in the transaction that saves it (`claim`, bot/store/submissions.py), one
statement more."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import submission_key
from bot.errors import Conflict, Message
from bot.store.submissions import first_submission
from bot.store.submitted_rows import SubmittedRow, made_before, made_by

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Submitted:
    """One submission of a form: which form (its callback id) in which view."""

    callback_id: str
    view_id: str


class AlreadySubmitted(Conflict):
    """This very submission was saved before: nothing is saved twice."""

    def __init__(self) -> None:
        super().__init__(Message("form.already_saved"))


def key_of(actor: Actor, submitted: Submitted | None) -> str | None:
    """The key of this submission, for the row it makes (None: not made by a form)."""
    if submitted is None:
        return None
    return submission_key(
        actor_id=actor.user_id, view_id=submitted.view_id, callback_id=submitted.callback_id
    )


def saved_once(use_case: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """`use_case`, whose row keeps its submission's key: a second copy of the submission,
    refused by that row's INSERT (its transaction rolled back), is told AlreadySubmitted."""

    @functools.wraps(use_case)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await use_case(*args, **kwargs)
        except IntegrityError as error:
            if made_before(error):
                raise AlreadySubmitted() from error
            raise

    return run


async def refuse_if_made(session: AsyncSession, model: SubmittedRow, key: str | None) -> None:
    """A second copy of the submission `key` that would not reach the INSERT refusing it (the
    card changed since the first: a list confirmed, a plan made) is told AlreadySubmitted if
    a row of `model` holds the key. One statement, on that path only."""
    if key and await made_by(session=session, model=model, key=key):
        raise AlreadySubmitted()


async def claim(session: AsyncSession, actor: Actor, submitted: Submitted | None) -> None:
    """Take this submission for the save under way, or refuse it as saved already."""
    key = key_of(actor, submitted)
    if key and not await first_submission(
        session=session, team_id=actor.team_id, key=key, now=actor.now
    ):
        raise AlreadySubmitted()
