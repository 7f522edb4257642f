"""What the contact-record use cases refuse (domain errors, see bot/errors.py).

A record or follow-up whose card the person may not (or no longer) see is refused as the
card being gone (bot/customers/refusals.CardGone), exactly as if it did not exist."""

from __future__ import annotations

from bot.errors import Conflict, Message, NotAllowed


class RecordNotYours(NotAllowed):
    """Records are changed by their author and by those who may change the card."""

    def __init__(self) -> None:
        super().__init__(Message("log.not_yours"))


class FollowUpNotYours(NotAllowed):
    """Follow-ups are changed by their owner and by those who may change the card."""

    def __init__(self) -> None:
        super().__init__(Message("follow_up.not_yours"))


class AlreadySaved(Conflict):
    """A held log was saved (or dropped) already: a second press saves nothing."""

    def __init__(self) -> None:
        super().__init__(Message("log.already_saved"))
