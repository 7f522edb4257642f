"""Contracts (合同) on a card and their payment milestones (应收): recorded once signed, so
management sees sales and receivables; cancelled, never deleted. Every change is recorded in
the card's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import Conflict, Invalid, Message
from bot.sales.amounts import Money, format_money
from bot.sales.contract_form import ContractDraft
from bot.sales.history import record_on_card
from bot.store.models import Customer
from bot.store.receivables import add_receivables, cancel_open_receivables
from bot.store.sales import contract_numbered
from bot.store.sales_models import Contract, Opportunity, Receivable
from bot.store.types import saved_id

MAX_REASON = 500


@dataclass(frozen=True)
class ContractView:
    """A contract with its payment milestones (cancelled ones left out)."""

    contract: Contract
    customer: Customer
    receivables: list[Receivable]
    deal: Opportunity | None = None
    today: date | None = None  # the reader's: a payment due before it and not received is late

    @property
    def due(self) -> int:
        """What is still to be received (minor units)."""
        return sum(r.amount_minor for r in self.receivables if r.status == "open")


async def record_contract(
    *,
    session: AsyncSession,
    customer: Customer,
    actor_id: str,
    draft: ContractDraft,
    deal: Opportunity | None,
    now: datetime,
    number_taken: bool | None = None,
) -> tuple[Contract, list[Receivable]]:
    """The contract and its payments, each with its id. `number_taken`: whether its number
    is another contract's, when the caller read it with the card (None: asked here)."""
    assert customer.id is not None
    if number_taken is None:
        taken = await contract_numbered(
            session=session, team_id=customer.team_id, number=draft.number
        )
        number_taken = taken is not None
    if number_taken:
        raise Invalid({"number": Message("contract.number_taken", {"number": draft.number})})
    contract = Contract(
        team_id=customer.team_id,
        customer_id=customer.id,
        opportunity_id=deal.id if deal is not None else None,
        number=draft.number,
        title=draft.title,
        signed_on=draft.signed_on,
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
        amount_minor=draft.amount.minor,
        currency=draft.amount.currency,
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
    )
    session.add(contract)
    await session.flush()
    payments = [
        Receivable(
            team_id=customer.team_id,
            contract_id=saved_id(contract),
            title=item.title,
            due_on=item.due_on,
            amount_minor=item.amount.minor,
            received_on=item.received_on,
            received_by=actor_id if item.received_on else "",
            status="received" if item.received_on else "open",
            created_at=now,
            updated_at=now,
        )
        for item in draft.receivables
    ]
    await add_receivables(session=session, receivables=payments)
    changes: dict[str, object] = {
        "contract": [None, f"{draft.number} {draft.title}"],
        "amount": [None, format_money(draft.amount)],
        "signed_on": [None, draft.signed_on.isoformat()],
    }
    if draft.ends_on:
        changes["ends_on"] = [None, draft.ends_on.isoformat()]
    if deal is not None:
        changes["deal"] = [deal.name, deal.name]
    if draft.receivables:
        changes["receivables"] = [None, len(draft.receivables)]
    await record_on_card(session, contract, actor_id, now, "contract_add", changes)
    return contract, payments


async def mark_received(
    *,
    session: AsyncSession,
    receivable: Receivable,
    contract: Contract,
    actor_id: str,
    on: date,
    now: datetime,
) -> Receivable:
    """Received on `on` (pressed twice, it stays received as first said)."""
    if receivable.status == "open":
        receivable.status, receivable.received_on = "received", on
        receivable.received_by, receivable.updated_at = actor_id, now
        amount = format_money(Money(receivable.amount_minor, contract.currency))
        await record_on_card(
            session,
            contract,
            actor_id,
            now,
            "receivable_received",
            {
                "contract": [contract.number, contract.number],
                "receivable": [receivable.title or amount, receivable.title or amount],
                "amount": [amount, amount],
                "received_on": [None, on.isoformat()],
            },
        )
    return receivable


async def cancel_contract(
    *, session: AsyncSession, contract: Contract, actor_id: str, reason: str, now: datetime
) -> list[Receivable]:
    """Cancelled, kept: its open payment milestones are cancelled with it. Its payments as
    they now are, for its page (issue 17: read again after)."""
    if contract.status == "cancelled":
        raise Conflict(Message("contract.already_cancelled", {"number": contract.number}))
    if not reason.strip():
        raise Invalid({"reason": Message("contract.reason_required")})
    if len(reason) > MAX_REASON:
        raise Invalid({"reason": Message("field.too_long", {"limit": MAX_REASON})})
    contract.status, contract.cancel_reason = "cancelled", reason.strip()
    contract.cancelled_at, contract.updated_by, contract.updated_at = now, actor_id, now
    assert contract.id is not None
    payments = await cancel_open_receivables(session=session, contract_id=contract.id, now=now)
    await record_on_card(
        session,
        contract,
        actor_id,
        now,
        "contract_cancel",
        {
            "contract": [contract.number, contract.number],
            "status": ["signed", "cancelled"],
            "reason": [None, contract.cancel_reason],
        },
    )
    return payments
