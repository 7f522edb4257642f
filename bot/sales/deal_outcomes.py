"""What the deal use cases answer (bot/sales/deal_cases.py): a deal saved or shown, its form
to open, a line held until its author confirms a past close date, or the question which deal
a line meant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.sales.deal_form import DealForm
from bot.sales.deals import DealChanged
from bot.store.models import Customer
from bot.store.pipeline import Pipeline
from bot.store.sales_models import Opportunity


@dataclass(frozen=True)
class DealSaved:
    customer: Customer
    change: DealChanged
    pipeline: Pipeline
    has_contract: bool  # won deals offer to record their contract until one is

    @property
    def deal(self) -> Opportunity:
        return self.change.deal


@dataclass(frozen=True)
class DealShown:
    """`/customer deal hp ERP升级` of a deal that exists: the deal, nothing changed."""

    customer: Customer
    deal: Opportunity
    pipeline: Pipeline
    has_contract: bool
    may_change: bool


@dataclass(frozen=True)
class DealFormOpen:
    customer: Customer
    form: DealForm
    pipeline: Pipeline
    deal_id: int | None = None


@dataclass(frozen=True)
class CloseDateToConfirm:
    """A line whose close date is before today: held until its author confirms."""

    customer: Customer
    draft_id: int
    name: str
    close: date


@dataclass(frozen=True)
class WhichDeal:
    """A line naming no deal on a card with several open ones."""

    customer: Customer
    deals: list[Opportunity]
    draft_id: int | None = None  # the line held, to apply to the deal picked (DEAL_PICK)
    new_name: str = ""  # the line names no deal but these alike: or a new deal of this name


DealOutcome = DealSaved | DealShown | DealFormOpen | CloseDateToConfirm | WhichDeal
