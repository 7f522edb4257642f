"""A form is saved once per submission. Slack sends a view_submission again, with the same
view id, when its first one got no answer in time (and a person may press Save twice): the
second must save nothing. Each form's use case claims its submission in the transaction
that saves it (bot/store/submissions.py); the card form keeps its own key on the card
(Customer.created_from, the same `submission_key`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import submission_key
from bot.errors import Conflict, Message
from bot.store.submissions import first_submission


@dataclass(frozen=True)
class Submitted:
    """One submission of a form: which form (its callback id) in which view."""

    callback_id: str
    view_id: str


class AlreadySubmitted(Conflict):
    """This very submission was saved before: nothing is saved twice."""

    def __init__(self) -> None:
        super().__init__(Message("form.already_saved"))


async def claim(session: AsyncSession, actor: Actor, submitted: Submitted | None) -> None:
    """Take this submission for the save under way, or refuse it as saved already."""
    if submitted is None:
        return
    key = submission_key(
        actor_id=actor.user_id, view_id=submitted.view_id, callback_id=submitted.callback_id
    )
    if key and not await first_submission(
        session=session, team_id=actor.team_id, key=key, now=actor.now
    ):
        raise AlreadySubmitted()
