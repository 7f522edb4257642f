"""What the customer use cases refuse (domain errors, see bot/errors.py)."""

from __future__ import annotations

from dataclasses import replace

from bot.customers.search import FoundCustomer
from bot.errors import Message, NotAllowed, NotFound
from bot.store.models import Customer


class CustomerNotFound(NotFound):
    """The words name no card the person may see: none, several, or an archived one."""

    def __init__(
        self,
        text: str,
        *,
        choices: list[FoundCustomer] | None = None,
        archived: Customer | None = None,
    ) -> None:
        super().__init__("customer", text)
        self.choices = [replace(f, customer=kept(f.customer)) for f in choices or []]
        self.archived = kept(archived) if archived is not None else None


def kept(customer: Customer) -> Customer:
    """A copy that outlives its transaction: a refusal rolls the transaction back, which
    expires the rows it read, and the reply is built after that."""
    return Customer.model_validate(customer.model_dump())


class CardGone(NotFound):
    """A card named by its id (a button, a form) no longer exists or is no longer visible."""

    def __init__(self, customer_id: int) -> None:
        super().__init__("card", str(customer_id))
        self.customer_id = customer_id


class MayNotChange(NotAllowed):
    """The person may see the card but not change it."""

    def __init__(self, customer: Customer) -> None:
        super().__init__(Message("access.not_allowed", {"name": customer.legal_name}))
        self.customer = kept(customer)


class AdminsOnly(NotAllowed):
    """Workspace admins only (team, settings, restore, unmerge)."""

    def __init__(self) -> None:
        super().__init__(Message("access.admins_only"))
