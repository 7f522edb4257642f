"""What a new contract's save reads beside its card, in the card's statement (issue 17: the
deal it names and whether its number is taken were two statements after the card's)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, false
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer, WorkspaceSetting
from bot.store.pipeline import Pipeline, pipeline_from, pipeline_setting
from bot.store.sales_models import Contract, Opportunity


@dataclass(frozen=True)
class ContractTerms:
    customer: Customer
    pipeline: Pipeline  # the workspace's: an amount without a currency is in its currency
    deal: Opportunity | None  # the deal the form names, when it is one of the card's
    number_taken: bool  # another contract of the workspace has the form's number


async def card_and_contract_terms(
    *, session: AsyncSession, team_id: str, customer_id: int, deal_id: int | None, number: str
) -> ContractTerms | None:
    """The card `customer_id` with the workspace's pipeline, the deal `deal_id` if it is the
    card's, and whether the number `number` is taken, in one statement; None when there is
    no such card."""
    taken = exists().where(col(Contract.team_id) == team_id, col(Contract.number) == number)
    on_card = (
        and_(
            col(Opportunity.id) == deal_id,
            col(Opportunity.team_id) == team_id,
            col(Opportunity.customer_id) == col(Customer.id),
        )
        if deal_id is not None
        else false()  # the form names no deal
    )
    query = (
        select(Customer, WorkspaceSetting.value, Opportunity, taken)
        .select_from(Customer)
        .outerjoin(WorkspaceSetting, pipeline_setting(team_id))
        .outerjoin(Opportunity, on_card)
        .where(Customer.id == customer_id)
    )
    found = (await session.exec(query)).first()
    if found is None:
        return None
    customer, pipeline, deal, number_taken = found
    return ContractTerms(customer, pipeline_from(pipeline), deal, bool(number_taken))
