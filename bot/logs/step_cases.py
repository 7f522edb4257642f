"""The "Log contact" workflow step (Workflow Builder): a contact record from the step's
inputs, on a card the person who ran the workflow may see. A step cannot ask back, so what
/log would ask about (a customer that is unclear, a date that cannot be read) fails the step
with the reason, and nothing is logged."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actor import Actor
from bot.customers.named_card import named_customer
from bot.customers.visibility import gate_of
from bot.errors import Invalid, Message
from bot.logs.forms import LogForm, draft_from_form
from bot.logs.intake import DateProblem, Done, log_draft
from bot.logs.line import KIND_WORDS
from bot.store.db import Database


@dataclass(frozen=True)
class LogStep:
    customer: str  # a short name or words of the name, as /log takes it
    summary: str
    next_step: str = ""  # a date in it sets the follow-up, as in /log
    kind: str = ""  # call, email, visit, meeting, note (or 电话 …); note when empty


async def log_from_step(db: Database, *, actor: Actor, step: LogStep) -> Done | DateProblem:
    kind = KIND_WORDS.get(step.kind.strip().lower(), "") if step.kind.strip() else "note"
    if not step.customer.strip() or not step.summary.strip() or not kind:
        raise Invalid({"text": Message("step.log_usage")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer = await named_customer(session, actor, gate, step.customer)
        form = LogForm(
            customer_id=str(customer.id),
            kind=kind,
            summary=step.summary.strip(),
            next_step=step.next_step.strip(),
        )
        return await log_draft(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            tz=actor.tz,
            draft=draft_from_form(form, tz=actor.tz, now=actor.now),
            now=actor.now,
            customer=customer,
        )
