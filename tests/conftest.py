"""Shared fixtures: a pinned clock, a freshly migrated database per test, and Rapport served
on loopback against a SlackDouble.

Set RAPPORT_TEST_DATABASE_URL=postgresql://… to run the whole suite on PostgreSQL
(`scripts/with-postgres` does that); otherwise every test gets a SQLite file.

Time: every test starts at the same moment, `RAPPORT_TEST_NOW` (an ISO time with its offset;
a fixed Monday afternoon in Shanghai by default), and time then runs at its normal pace. The
suite never sees the machine's date, so it passes on any day; `./dev test` runs the
`calendar` tests again at awkward moments (month ends, 29 Feb, 31 Dec, DST changes).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.console.harness import Harness
from bot.console.slack_double import SlackDouble
from bot.console.workspace import Workspace
from bot.customers.card_writes import create_customer, update_customer
from bot.customers.cards import card_with_contacts
from bot.customers.form import CustomerForm, parse_customer_form
from bot.customers.names import pinyin
from bot.customers.translation import read_word_lists
from bot.settings import Settings, parse_database_url
from bot.store.db import Database
from bot.store.migrate import upgrade
from bot.store.models import Customer, CustomerKey, CustomerTerm

POSTGRES_URL = os.environ.get("RAPPORT_TEST_DATABASE_URL")
os.environ["RAPPORT_STRICT"] = "1"  # a Slack call inside a database transaction is an error
TEST_NOW = datetime.fromisoformat(os.environ.get("RAPPORT_TEST_NOW", "2026-11-23T06:30:00+00:00"))


@pytest.fixture(autouse=True)
def pinned_time(request: pytest.FixtureRequest) -> Iterator[time_machine.Coordinates | None]:
    """Every test starts at TEST_NOW; the clock then ticks (timeouts and signatures need it).
    Tests marked `real_clock` talk to a Rapport in another process, which keeps real time."""
    if request.node.get_closest_marker("real_clock"):
        yield None
        return
    if TEST_NOW.tzinfo is None:
        raise ValueError("RAPPORT_TEST_NOW needs an offset, e.g. 2027-02-28T23:30:00+00:00")
    with time_machine.travel(TEST_NOW, tick=True) as traveller:
        yield traveller


_numbers = itertools.count(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _postgres_admin(url: str, *statements: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session", autouse=True)
def word_lists_read() -> None:
    """The name readings and word lists a process reads on its first duplicate check, read
    before the first test: a card form is answered within a deadline (bot/commands/forms.py),
    and the test that happens to come first must not be the one that waits for them."""
    pinyin("惠普")
    read_word_lists()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated once; each test gets a copy of it."""
    if POSTGRES_URL:
        admin = parse_database_url(POSTGRES_URL)
        name = f"rapport_template_{os.getpid()}"
        asyncio.run(
            _postgres_admin(admin, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        )
        url = _with_database(admin, name)
        upgrade(url)
        yield url
        asyncio.run(_postgres_admin(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    else:
        path = tmp_path_factory.mktemp("template") / "rapport.db"
        url = parse_database_url(f"sqlite:///{path}")
        upgrade(url)
        yield url


@contextmanager
def copy_of(template_database: str, folder: Path) -> Iterator[str]:
    """A fresh database with the migrated schema: a copied file, or a PostgreSQL template."""
    if POSTGRES_URL:
        admin = parse_database_url(POSTGRES_URL)
        name = f"rapport_test_{os.getpid()}_{next(_numbers)}"
        template = template_database.rpartition("/")[2]
        asyncio.run(_postgres_admin(admin, f"CREATE DATABASE {name} TEMPLATE {template}"))
        yield _with_database(admin, name)
        asyncio.run(_postgres_admin(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    else:
        source = Path(template_database.removeprefix("sqlite+aiosqlite:///"))
        target = folder / "rapport.db"
        shutil.copyfile(source, target)
        yield f"sqlite+aiosqlite:///{target}"


@pytest.fixture
def database_url(template_database: str, tmp_path: Path) -> Iterator[str]:
    with copy_of(template_database, tmp_path) as url:
        yield url


@pytest.fixture
def settings(database_url: str, request: pytest.FixtureRequest) -> Settings:
    deadline = request.node.get_closest_marker("form_deadline")
    return Settings(
        slack_bot_token=None,
        slack_signing_secret=None,
        slack_app_token=None,
        slack_api_url="https://slack.invalid/api/",
        database_url=database_url,
        port=0,
        default_tz=ZoneInfo("UTC"),
        # a form's save answers it however loaded the machine running the suite, unless the
        # test is about the deadline Slack's seconds impose (`@pytest.mark.form_deadline`)
        form_deadline=60.0 if deadline is None else float(deadline.args[0]),
        # and a find or a `/log` line is answered in its ack however loaded the machine: a
        # busy CI machine took more than the half second once, and the answer went by
        # response_url (tests/commands/test_ack_answers.py sets its own budgets)
        ack_answer_budget=60.0,
    )


@pytest.fixture(autouse=True)
def slack_accepts_everything(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[SlackDouble]]:
    """Every payload a test makes Rapport send must be one Slack accepts, whether or not
    the test looks at it: a refusal by any Slack stand-in started in the test fails it.
    A test that means to provoke a refusal asserts on it, then clears `refusals`."""
    started: list[SlackDouble] = []
    original = SlackDouble.__init__

    def watched(double: SlackDouble) -> None:
        original(double)
        started.append(double)

    monkeypatch.setattr(SlackDouble, "__init__", watched)
    yield started
    refused = [str(refusal) for double in started for refusal in double.refusals]
    assert not refused, "Slack would refuse:\n" + "\n".join(refused)


@pytest.fixture
async def harness(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(settings) as running:
        await running.act_as("U_ALICE", name="Alice", locale="en-US", tz="America/New_York")
        await running.act_as("U_WANG", name="王伟", locale="zh-CN", tz="Asia/Shanghai")
        yield running


@pytest.fixture
def workspace(harness: Harness) -> Workspace:
    assert harness.workspace is not None
    return harness.workspace


# --- cards created through the same use cases the Slack listeners call --------------------
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TEAM = "T1"
Create = Callable[..., Awaitable[Customer]]


async def edit_card(
    db: Database,
    card_id: int | None,
    form: CustomerForm,
    *,
    actor: str = "U_MGR",
    different: bool = False,
) -> None:
    """The card saved from its form by `actor`: its card and contacts read, then changed."""
    draft = parse_customer_form(form, region="CN", actor_id=actor)
    async with db.transaction(write=True) as session:
        card = await card_with_contacts(session=session, team_id=TEAM, customer_id=card_id or 0)
        await update_customer(
            session=session,
            team_id=TEAM,
            actor_id=actor,
            card=card,
            draft=draft,
            now=NOW,
            different_company=different,
        )


async def keys_and_terms(
    session: AsyncSession, customer_id: int | None
) -> tuple[list[CustomerKey], list[CustomerTerm]]:
    """A card's stored match keys and search terms."""
    keys = await session.exec(select(CustomerKey).where(CustomerKey.customer_id == customer_id))
    terms = await session.exec(select(CustomerTerm).where(CustomerTerm.customer_id == customer_id))
    return list(keys.all()), list(terms.all())


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
