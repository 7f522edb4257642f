"""Who may do what with a card's deals, contracts, projects and documents — the one place
that says it. Everything is seen through its card: whoever may not see the card is told the
deal (contract, project, document) does not exist.

- Deals, contracts and projects are created by whoever may change the card (its manager,
  the manager's supervisors, admins).
- A deal is changed by them, by its owner and by the owner's supervisors.
- A project is changed by the card's editors and by its project manager.
- A document is attached by anyone who may see the card (as a contact record is logged).
"""

from __future__ import annotations

from bot.customers.refusals import MayNotChange
from bot.customers.visibility import Gate
from bot.store.models import Customer
from bot.store.sales_models import Opportunity, Project


async def may_change_deal(gate: Gate, customer: Customer, deal: Opportunity) -> bool:
    # whom the person supervises is read only when the deal is not their own (issue 17)
    person = gate.person
    if (
        deal.owner_id == person.user_id
        or deal.owner_id in (await gate.read_view()).viewer.supervises
    ):
        return customer.archived_at is None or person.is_admin
    return await gate.may_edit(customer)


async def require_deal_change(gate: Gate, customer: Customer, deal: Opportunity) -> None:
    if not await may_change_deal(gate, customer, deal):
        raise MayNotChange(customer)


async def require_project_change(gate: Gate, customer: Customer, project: Project) -> None:
    if project.manager_id == gate.person.user_id and customer.archived_at is None:
        return
    await gate.require_edit(customer)
