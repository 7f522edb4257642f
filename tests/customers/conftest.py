"""Cards created through the same use cases the Slack listeners call."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import pytest

from bot.customers.cards import create_customer
from bot.customers.form import CustomerForm, parse_customer_form
from bot.store.db import Database
from bot.store.models import Customer

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TEAM = "T1"
Create = Callable[..., Awaitable[Customer]]


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


@pytest.fixture
def create(db: Database) -> Create:
    async def create_card(
        legal_name: str,
        *,
        actor: str = "U_MGR",
        different: bool = False,
        view_id: str | None = None,
        **fields: str,
    ) -> Customer:
        form = CustomerForm(legal_name=legal_name, **fields)
        draft = parse_customer_form(form, region="CN", actor_id=actor)
        async with db.transaction(write=True) as session:
            customer, _ = await create_customer(
                session=session,
                team_id=TEAM,
                actor_id=actor,
                draft=draft,
                now=NOW,
                view_id=view_id,
                different_company=different,
            )
        return customer

    return create_card
