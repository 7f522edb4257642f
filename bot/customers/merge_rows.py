"""The rows that name a card, and so move with it when it is merged (bot/customers/merge.py):
which of the duplicate's rows move to the kept card, and the change requests' numbers made
free on the kept card before they move.

A row the kept card already has its own of stays with the duplicate — a phase it plans, a
channel linked to both, a maintenance period it plans, its own card-level requirement list
— and comes back with it when the merge is undone."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest, RequirementList
from bot.store.maintenance_models import MaintenancePlan
from bot.store.models import (
    CardShare,
    ChannelLink,
    Contact,
    ContactRecord,
    FollowUp,
    Milestone,
    PhaseChange,
    PhasePlan,
)
from bot.store.record_tables import ServiceRequest
from bot.store.sales_models import Contract, Document, Opportunity, Project
from bot.store.survey_models import Acceptance, FeedbackItem, Survey

MovedRow = (
    Contact
    | ContactRecord
    | FollowUp
    | Milestone
    | PhaseChange
    | ChannelLink
    | CardShare
    | PhasePlan
    | Opportunity
    | Contract
    | Project
    | Document
    | ChangeRequest
    | RequirementList
    | ServiceRequest
    | MaintenancePlan
    | Acceptance
    | Survey
    | FeedbackItem
)

MOVED: dict[str, type[MovedRow]] = {
    "contact": Contact,
    "contact_record": ContactRecord,
    "follow_up": FollowUp,
    "milestone": Milestone,
    "phase_change": PhaseChange,
    "channel_link": ChannelLink,
    "card_share": CardShare,
    "phase_plan": PhasePlan,
    # what the customer buys moves with the card (receivables follow their contracts)
    "opportunity": Opportunity,
    "contract": Contract,
    "project": Project,
    "document": Document,
    # and its delivery flows (their steps, requirements and activities follow them)
    "change_request": ChangeRequest,
    "requirement_list": RequirementList,
    "service_request": ServiceRequest,
    "maintenance_plan": MaintenancePlan,
    "acceptance": Acceptance,
    "survey": Survey,
    "feedback_item": FeedbackItem,
}


async def rows_to_move(
    session: AsyncSession, model: type[MovedRow], duplicate_id: int, kept_id: int
) -> list[int]:
    """The ids of the duplicate's rows of `model` that move to the kept card."""
    query = select(col(model.id)).where(col(model.customer_id) == duplicate_id)
    if model is PhasePlan:  # a phase the kept card already plans keeps its own plan
        kept_phases = select(PhasePlan.phase).where(PhasePlan.customer_id == kept_id)
        query = query.where(col(PhasePlan.phase).not_in(kept_phases))
    if model is ChannelLink:
        kept_channels = select(ChannelLink.channel_id).where(ChannelLink.customer_id == kept_id)
        query = query.where(col(ChannelLink.channel_id).not_in(kept_channels))
    if model is MaintenancePlan:  # one plan a period on a card
        kept_periods = select(col(MaintenancePlan.period_start)).where(
            MaintenancePlan.customer_id == kept_id
        )
        query = query.where(col(MaintenancePlan.period_start).not_in(kept_periods))
    if model is RequirementList:  # a project's list moves with it; one card-level list a card
        kept_own = select(RequirementList.id).where(
            RequirementList.customer_id == kept_id, col(RequirementList.project_id).is_(None)
        )
        query = query.where(col(RequirementList.project_id).is_not(None) | ~kept_own.exists())
    return [row_id for row_id in (await session.exec(query)).all() if row_id is not None]


class Renumbered(NamedTuple):
    change_id: int
    old: int
    new: int


NUMBERS = "change_numbers"  # in a merge's record: the numbers to give back when it is undone


async def free_change_numbers(
    *, session: AsyncSession, ids: list[int], kept_id: int
) -> list[Renumbered]:
    """Before the duplicate's change requests `ids` move, those whose "CR-n" the kept card
    has already are numbered after every number of both cards (a number is unique on a
    card); the others keep theirs."""
    if not ids:
        return []
    moving = (
        await session.exec(
            select(ChangeRequest.id, ChangeRequest.number)
            .where(col(ChangeRequest.id).in_(ids))
            .order_by(col(ChangeRequest.number))
        )
    ).all()
    taken = set(
        (
            await session.exec(
                select(ChangeRequest.number).where(ChangeRequest.customer_id == kept_id)
            )
        ).all()
    )
    highest = max([*taken, *(number for _, number in moving)])  # of both cards
    renumbered: list[Renumbered] = []
    for row_id, number in moving:
        if number in taken and row_id is not None:
            highest += 1
            renumbered.append(Renumbered(row_id, number, highest))
            await session.exec(
                update(ChangeRequest).where(col(ChangeRequest.id) == row_id).values(number=highest)
            )
    return renumbered


async def give_back_change_numbers(
    *, session: AsyncSession, numbers: dict[str, int]
) -> list[Renumbered]:
    """An undone merge's change requests numbered as they were on their card (`numbers`:
    each one's old number by its id). The new numbers were above every old one of both
    cards, so none is taken meanwhile."""
    if not numbers:
        return []
    ids = [int(change_id) for change_id in numbers]
    found = await session.exec(
        select(ChangeRequest.id, ChangeRequest.number).where(col(ChangeRequest.id).in_(ids))
    )
    given: list[Renumbered] = []
    for change_id, number in sorted(found.all(), key=lambda row: row[1]):
        if change_id is None:
            continue
        given.append(Renumbered(change_id, number, numbers[str(change_id)]))
        await session.exec(
            update(ChangeRequest)
            .where(col(ChangeRequest.id) == change_id)
            .values(number=numbers[str(change_id)])
        )
    return given
