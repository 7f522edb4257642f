"""A form is saved once per submission. Slack sends a view_submission again, with the same
view id, when its first one got no answer in time (and a person may press Save twice): the
second must save nothing. A form that makes a row keeping its submission (the card:
Customer.created_from; a change request, a requirement, an activity, a plan's notes or
review, a document: bot/store/submitted_rows.py) gives the row its key (`key_of`). Any
other form's use case `claim`s its submission for its transaction: the first line of the
card's history or contact record it writes keeps the key (bot/store/submissions.py); one
that may write neither claims it at once in form_submission (`claim_at_once`). Either way
a row's INSERT refuses the second copy, which `saved_once` tells it was saved; so too a
second copy that the card, changed by the first, makes its rules refuse."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import submission_key
from bot.errors import Conflict, DomainError, Message
from bot.store.db import Database
from bot.store.submissions import SavedBefore, first_submission, hold
from bot.store.submitted_rows import made_before, saved_before

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


def saved_once(use_case: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[object, object, R]]:
    """`use_case(db, *, actor, …, submitted)`, saved once per submission: a second copy,
    refused by the INSERT of the row keeping its key (its transaction rolled back), is told
    AlreadySubmitted; so is one its rules refuse, if the submission was saved before."""

    @functools.wraps(use_case)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await use_case(*args, **kwargs)
        except SavedBefore as error:
            raise AlreadySubmitted() from error
        except IntegrityError as error:
            if made_before(error):
                raise AlreadySubmitted() from error
            raise
        except DomainError as refusal:
            if not isinstance(refusal, AlreadySubmitted) and await _saved(args, kwargs):
                raise AlreadySubmitted() from refusal
            raise

    return run


async def _saved(args: tuple[object, ...], kwargs: dict[str, object]) -> bool:
    """Whether the submission a use case of `saved_once` was called with was saved before."""
    db, actor, submitted = args[0], kwargs["actor"], kwargs.get("submitted")
    assert isinstance(db, Database) and isinstance(actor, Actor)
    key = key_of(actor, submitted if isinstance(submitted, Submitted) else None)
    if key is None:
        return False
    async with db.transaction(quick=True) as session:
        return await saved_before(session=session, team_id=actor.team_id, key=key)


async def refuse_if_made(session: AsyncSession, actor: Actor, key: str | None) -> None:
    """A second copy of the submission `key` that its rules would neither refuse nor bring
    to the INSERT refusing it (the card changed since the first: a requirement list
    confirmed, which would make the requirement a change request) is told AlreadySubmitted
    if the submission was saved. One statement, on that path only."""
    if key and await saved_before(session=session, team_id=actor.team_id, key=key):
        raise AlreadySubmitted()


def claim(session: AsyncSession, actor: Actor, submitted: Submitted | None) -> None:
    """Take this submission for a save that always writes a line of the card's history or
    a contact record: the first it writes keeps the key, no statement of its own. The use
    case is `saved_once`."""
    key = key_of(actor, submitted)
    if key:
        hold(session=session, team_id=actor.team_id, key=key, at=actor.now)


async def claim_at_once(session: AsyncSession, actor: Actor, submitted: Submitted | None) -> None:
    """Take this submission for a save that may write neither (bot/store/submissions.py),
    or refuse it as saved already: one statement, before the save."""
    key = key_of(actor, submitted)
    if key and not await first_submission(
        session=session, team_id=actor.team_id, key=key, now=actor.now
    ):
        raise AlreadySubmitted()
