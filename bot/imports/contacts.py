"""Importing contact people onto existing cards, by the card's short name or full name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_values import reindex
from bot.customers.form import (
    ContactDraft,
    ContactForm,
    FormInvalid,
    Message,
    parse_contact_form,
)
from bot.customers.names import normalize
from bot.imports.csvfile import cell_problems
from bot.imports.report import ImportReport, RowProblem
from bot.imports.savepoints import write_isolated
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.models import Contact, Customer
from bot.store.types import saved_id

CHUNK = 1000


async def import_contacts(
    db: Database,
    rows: list[dict[str, str]],
    *,
    team_id: str,
    actor_id: str,
    region: str,
    now: datetime,
    dry_run: bool,
    progress: Callable[[int], None] = lambda done: None,
) -> ImportReport:
    report = ImportReport(read=len(rows), dry_run=dry_run)
    async with db.transaction() as session:
        cards = (
            await session.exec(
                select(Customer).where(
                    Customer.team_id == team_id, col(Customer.archived_at).is_(None)
                )
            )
        ).all()
        known = (
            await session.exec(
                select(Contact.customer_id, Contact.name).where(col(Contact.archived_at).is_(None))
            )
        ).all()
    by_name = {c.handle_key: c for c in cards} | {normalize(c.legal_name): c for c in cards}
    seen: dict[tuple[int, str], int] = {(cid, normalize(name)): 0 for cid, name in known}
    by_id: dict[object, Customer] = {saved_id(c): c for c in cards}  # by a row's customer_id

    async def write(session: AsyncSession, values: list[dict[str, object]]) -> None:
        # by card: each contact's statement holds its card's kept health (migration 0030),
        # which the health sweep locks in the cards' order too (no deadlock between them)
        values = sorted(values, key=lambda v: int(str(v["customer_id"])))
        await session.exec(insert(Contact), params=values)
        for customer_id in dict.fromkeys(v["customer_id"] for v in values):
            # Their phones and names now find the card: the card as it is now, not as the
            # import read it at its start (merging that copy wrote its old values back over
            # any change made to the card meanwhile)
            customer = await session.get(Customer, saved_id(by_id[customer_id]))
            if customer is None:
                continue
            await reindex(
                session=session,
                customer=customer,
                contacts=await list_contacts(session=session, customer_id=saved_id(customer)),
            )

    for start in range(0, len(rows), CHUNK):
        values: list[tuple[int, dict[str, object]]] = []
        for offset, row in enumerate(rows[start : start + CHUNK]):
            number = start + offset + 2
            if problems := cell_problems(number, row):
                report.problems += problems
                continue
            customer = by_name.get(normalize(row.get("customer", "")))
            if customer is None:
                report.problems.append(
                    RowProblem(
                        number,
                        "customer",
                        Message("import.customer_unknown", {"handle": row.get("customer", "")}),
                    )
                )
                continue
            try:
                draft = parse_contact_form(
                    ContactForm(**{k: v for k, v in row.items() if k != "customer"}), region=region
                )
            except FormInvalid as invalid:
                report.problems += [RowProblem(number, f, m) for f, m in invalid.errors.items()]
                continue
            key = (saved_id(customer), normalize(draft.name))
            if key in seen:
                where = seen[key]
                report.problems.append(
                    RowProblem(
                        number,
                        "name",
                        Message("import.duplicate_row", {"row": where})
                        if where
                        else Message(
                            "import.duplicate_existing",
                            {"name": f"{customer.legal_name} / {draft.name}"},
                        ),
                    )
                )
                continue
            seen[key] = number
            values.append((number, _row(draft, saved_id(customer), actor_id, now)))
        if dry_run:
            report.imported += len(values)
        elif values:
            async with db.transaction(write=True) as session:
                report.imported += await write_isolated(session, values, write, report)
        progress(min(start + CHUNK, len(rows)))
    return report


def _row(d: ContactDraft, customer_id: int, actor_id: str, now: datetime) -> dict[str, object]:
    return {
        "customer_id": customer_id,
        "salutation": d.salutation,
        "name": d.name,
        "title": d.title,
        "office_phone_e164": d.office_phone.e164 if d.office_phone else "",
        "office_phone_ext": d.office_phone.extension if d.office_phone else "",
        "home_phone_e164": d.home_phone.e164 if d.home_phone else "",
        "mobile_e164": d.mobile.e164 if d.mobile else "",
        "email": d.email,
        "created_by": actor_id,
        "created_at": now,
        "updated_at": now,
    }
