"""The card forms' saves, as their submissions call them, for bench/use_case_cpu.py: a new
card, then its address changed, then a contact added to it, each by the card's manager."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bench.data import MANAGERS, card
from bench.rows import TEAM_ID
from bot.actor import Actor
from bot.customers.card_cases import save_customer
from bot.customers.cards import CustomerCard
from bot.customers.contact_cases import save_contact
from bot.customers.duplicates import DuplicateFound
from bot.customers.form import ContactForm, CustomerForm
from bot.customers.submissions import Submitted
from bot.store.db import Database

SHANGHAI = ZoneInfo("Asia/Shanghai")


class FormCalls:
    """New cards beyond the data set's (card index `customers + n`), each by manager n mod
    40; a name the duplicate check refuses is counted in `refused`, and its later forms skip."""

    def __init__(self, db: Database, seed: int, customers: int) -> None:
        self.db, self.seed, self.customers = db, seed, customers
        self.made: dict[int, tuple[int, CustomerForm]] = {}  # n → the new card's id, form
        self.refused = 0

    def _actor(self, n: int) -> Actor:
        return Actor(
            team_id=TEAM_ID,
            user_id=MANAGERS[n % len(MANAGERS)],
            lang="zh",
            tz=SHANGHAI,
            now=datetime.now(UTC),
        )

    async def create(self, n: int) -> CustomerCard | None:
        made = card(self.seed, self.customers + n)
        form = CustomerForm(
            legal_name=made.legal_name,
            website=made.website,
            email=made.email,
            phone=made.phone,
            manager_id=MANAGERS[n % len(MANAGERS)],
        )
        try:
            saved = await save_customer(
                self.db,
                actor=self._actor(n),
                form=form,
                region="CN",
                submitted=Submitted("customer_create", f"V_BENCH_NEW_{n}"),
            )
        except DuplicateFound:
            self.refused += 1
            return None
        self.made[n] = (saved.customer.id or 0, replace(form, short_name=saved.customer.handle))
        return saved

    async def edit(self, n: int) -> CustomerCard | None:
        """The form as the card's edit button opens it, with a new address."""
        if n not in self.made:
            return None
        customer_id, form = self.made[n]
        return await save_customer(
            self.db,
            actor=self._actor(n),
            form=replace(form, address=f"浦东新区世纪大道{n + 1}号"),
            region="CN",
            customer_id=customer_id,
            submitted=Submitted("customer_edit", f"V_BENCH_EDIT_{n}"),
        )

    async def add_contact(self, n: int) -> CustomerCard | None:
        if n not in self.made:
            return None
        made = card(self.seed, self.customers + n)
        return await save_contact(
            self.db,
            actor=self._actor(n),
            customer_id=self.made[n][0],
            form=ContactForm(name=made.contact, mobile=f"139{n:08d}"),
            region="CN",
            submitted=Submitted("contact_add", f"V_BENCH_CONTACT_{n}"),
        )
