"""A row that sits on a card, read with its card in one statement. Every use case that
names such a row (a record, a follow-up, a deal, a change request) checks the person's
right on the card next, and two look-ups by id were two round trips (issue 17)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, and_, exists
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Contact, Customer, WorkspaceSetting
from bot.store.pipeline import Pipeline, pipeline_from, pipeline_setting
from bot.store.plan_tables import ChannelLink
from bot.store.row_locks import locked_as_read
from bot.store.types import Query, table_of

Row = TypeVar("Row", bound=SQLModel)


async def row_with_card(
    *,
    session: AsyncSession,
    model: type[Row],
    team_id: str,
    row_id: int,
    locked: bool = False,
    with_card: bool = False,
) -> tuple[Row, Customer] | None:
    """The workspace's row `row_id` of `model` (a table with `id`, `team_id` and
    `customer_id`) and its card; None when the workspace has no such row. Rows the session
    holds already come back as they are held, as `session.get` gives them.

    `locked` (every read here takes it): the row is locked as it is read (bot/store/
    row_locks.py `locked_as_read`), so that a change of it at the same moment (this row
    answered twice) waits for this one; `with_card`: its card too, for what hangs on the card
    as a whole (a requirement list confirmed while a requirement is added, which locks the
    card). What the use case reads after it, in statements of their own, sees what was
    committed while it waited; rows read in this statement beside the locked ones do not.

    A card is locked only by saves that write nothing its kept health is computed from (the
    tables migrations 0030 and 0032 give a trigger: records, follow-ups, milestones, contacts
    and their roles, phase plans, surveys). Saves that write those lock the card's health row
    first and the card at commit; the other order would deadlock with them."""
    return await _first_with_card(
        session, model, team_id, row_id, locked=locked, with_card=with_card
    )


async def _first_with_card(
    session: AsyncSession,
    model: type[Row],
    team_id: str,
    row_id: int,
    *only: ColumnElement[bool],
    locked: bool = False,
    with_card: bool = False,
) -> tuple[Row, Customer] | None:
    """`row_with_card`, the row found only where `only` holds too."""
    query = _on_its_card(select(model, Customer), model, team_id, row_id).where(*only)
    if locked:  # see row_with_card
        query = locked_as_read(query, model, *([Customer] if with_card else []))
    found = (await session.exec(query)).first()
    return None if found is None else (found[0], found[1])


def _on_its_card(query: Query, model: type[Row], team_id: str, row_id: int) -> Query:
    """`query`, of the workspace's row `row_id` of `model` joined to its card."""
    columns = table_of(model).c
    joined = query.join(Customer, col(Customer.id) == columns.customer_id)
    return joined.where(columns.id == row_id, columns.team_id == team_id)


async def row_card_and_contact(
    *,
    session: AsyncSession,
    model: type[Row],
    team_id: str,
    row_id: int,
    contact_id: int,
    locked: bool = False,
) -> tuple[Row, Customer, Contact | None] | None:
    """`row_with_card`, and the card's contact `contact_id` in the same statement (a form that
    names one of the card's contacts beside the row): None for the contact when the card has
    no such contact, archived ones included, as `get_contact` reads them."""
    query = _on_its_card(select(model, Customer, Contact), model, team_id, row_id).outerjoin(
        Contact, and_(col(Contact.id) == contact_id, col(Contact.customer_id) == Customer.id)
    )
    if locked:  # see row_with_card
        query = locked_as_read(query, model)
    found = (await session.exec(query)).first()
    return None if found is None else (found[0], found[1], found[2])


async def row_card_and_pipeline(
    *, session: AsyncSession, model: type[Row], team_id: str, row_id: int, locked: bool = False
) -> tuple[Row, Customer, Pipeline] | None:
    """`row_with_card`, and the workspace's pipeline — its currency, its stages — in the same
    statement (a form whose amounts are read in the workspace's currency)."""
    query = _on_its_card(
        select(model, Customer, WorkspaceSetting.value), model, team_id, row_id
    ).outerjoin(WorkspaceSetting, pipeline_setting(team_id))
    if locked:  # see row_with_card
        query = locked_as_read(query, model)
    found = (await session.exec(query)).first()
    return None if found is None else (found[0], found[1], pipeline_from(found[2]))


async def row_with_card_shared_in(
    *,
    session: AsyncSession,
    model: type[Row],
    team_id: str,
    row_id: int,
    channel_id: str,
    locked: bool = False,
    with_card: bool = False,
) -> tuple[Row, Customer] | None:
    """`row_with_card`, only when its card is linked to `channel_id` and the channel is shared
    with another organization — where the customer's own people may answer for the card — in
    the same statement (issue 17: the link and the channel's sharing were two reads after the
    row's). None otherwise."""
    shared_here = exists().where(
        col(ChannelLink.team_id) == team_id,
        col(ChannelLink.channel_id) == channel_id,
        col(ChannelLink.customer_id) == table_of(model).c.customer_id,
        col(ChannelLink.unlinked_at).is_(None),
        col(ChannelLink.shared_externally).is_(True),
    )
    return await _first_with_card(
        session, model, team_id, row_id, shared_here, locked=locked, with_card=with_card
    )
