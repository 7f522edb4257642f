"""Importing opportunities and contracts onto existing cards, by the card's short name or full
name: each row through the same rules as the form (bot/sales/deals.py, contract_form.py) and
written the same way (history, next step, payment milestones), each under its own savepoint
so that a refused row is reported by its number and never takes the others with it.

What the export writes reads back: stages by their label in either language, amounts as plain
numbers beside their currency, payment milestones separated by `;`, a cancelled contract as
cancelled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.names import normalize
from bot.errors import Invalid, Message
from bot.i18n import t
from bot.imports.csvfile import cell_problems
from bot.imports.report import ImportReport, RowProblem
from bot.imports.sales_export import stage_label
from bot.sales.amounts import AmountRefused, Money, read_amount
from bot.sales.contract_form import ContractForm, parse_contract_form
from bot.sales.contracts import cancel_contract, record_contract
from bot.sales.deals import DealDraft, create_deal
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.pipeline import Pipeline, pipeline_of
from bot.store.sales import deals_of

UTC_ZONE = ZoneInfo("UTC")


class DryRun(Exception):
    """Raised inside a row's savepoint on a dry run: the row is written, checked, undone."""


async def import_opportunities(
    db: Database,
    rows: list[dict[str, str]],
    *,
    team_id: str,
    actor_id: str,
    now: datetime,
    dry_run: bool,
    progress: Callable[[int], None] = lambda done: None,
    tz: ZoneInfo = UTC_ZONE,
) -> ImportReport:
    """`tz`: the workspace's zone (RAPPORT_DEFAULT_TZ), in which a row's days are read."""
    report = ImportReport(read=len(rows), dry_run=dry_run)
    async with db.transaction(write=True) as session:  # a dry run rolls back each row
        cards = await _cards(session, team_id)
        pipeline = await pipeline_of(session=session, team_id=team_id)
        stages = _stage_words(pipeline)
        for index, row in enumerate(rows):
            number = index + 2
            customer = await _row_card(number, row, cards, report)
            if customer is None:
                continue
            try:
                draft = _deal_draft(row, pipeline, stages)
                async with session.begin_nested():
                    await create_deal(
                        session=session,
                        customer=customer,
                        actor_id=actor_id,
                        draft=draft,
                        pipeline=pipeline,
                        tz=tz.key,
                        now=now,
                    )
                    if dry_run:
                        raise DryRun
            except DryRun:
                pass
            except Invalid as invalid:
                report.problems += _problems(number, "deal_", invalid)
                continue
            report.imported += 1
            progress(index + 1)
    return report


async def import_contracts(
    db: Database,
    rows: list[dict[str, str]],
    *,
    team_id: str,
    actor_id: str,
    now: datetime,
    dry_run: bool,
    progress: Callable[[int], None] = lambda done: None,
    tz: ZoneInfo = UTC_ZONE,
) -> ImportReport:
    """`tz`: the workspace's zone (RAPPORT_DEFAULT_TZ), in which a row's days are read."""
    report = ImportReport(read=len(rows), dry_run=dry_run)
    async with db.transaction(write=True) as session:  # a dry run rolls back each row
        cards = await _cards(session, team_id)
        pipeline = await pipeline_of(session=session, team_id=team_id)
        for index, row in enumerate(rows):
            number = index + 2
            customer = await _row_card(number, row, cards, report)
            if customer is None:
                continue
            assert customer.id is not None
            deals = {
                normalize(d.name): d
                for d in await deals_of(session=session, customer_id=customer.id)
            }
            deal = deals.get(normalize(row.get("deal", ""))) if row.get("deal") else None
            if row.get("deal") and deal is None:
                unknown = Message("import.deal_unknown", {"deal": row["deal"]})
                report.problems.append(RowProblem(number, "contract_deal", unknown))
                continue
            form = ContractForm(
                number=row.get("number", ""),
                title=row.get("contract_title", "") or row.get("number", ""),
                signed_on=_iso(row.get("signed_on", "")),
                starts_on=_iso(row.get("starts_on", "")),
                ends_on=_iso(row.get("ends_on", "")),
                amount=_with_currency(row.get("amount", ""), row.get("currency", "")),
                receivables="\n".join(row.get("receivables", "").split(";")),
            )
            try:
                draft = parse_contract_form(form, currency=pipeline.currency, now=now, tz=tz)
                async with session.begin_nested():
                    contract, _ = await record_contract(
                        session=session,
                        customer=customer,
                        actor_id=actor_id,
                        draft=draft,
                        deal=deal,
                        now=now,
                    )
                    if _cancelled(row.get("status", "")):
                        reason = t("import.cancelled_reason", "en")
                        await cancel_contract(
                            session=session,
                            contract=contract,
                            actor_id=actor_id,
                            reason=reason,
                            now=now,
                        )
                    if dry_run:
                        raise DryRun
            except DryRun:
                pass
            except (Invalid, ValueError) as invalid:
                if isinstance(invalid, Invalid):
                    report.problems += _problems(number, "contract_", invalid)
                else:  # a date that is no date
                    refused = Message("import.date_unreadable", {"text": str(invalid)[:80]})
                    report.problems.append(RowProblem(number, "contract_signed_on", refused))
                continue
            report.imported += 1
            progress(index + 1)
    return report


async def _cards(session: AsyncSession, team_id: str) -> dict[str, Customer]:
    found = (
        await session.exec(
            select(Customer).where(Customer.team_id == team_id, col(Customer.archived_at).is_(None))
        )
    ).all()
    return {c.handle_key: c for c in found} | {normalize(c.legal_name): c for c in found}


async def _row_card(
    number: int, row: dict[str, str], cards: dict[str, Customer], report: ImportReport
) -> Customer | None:
    if problems := cell_problems(number, row):
        report.problems += problems
        return None
    customer = cards.get(row.get("customer", "").strip().lower()) or cards.get(
        normalize(row.get("customer", ""))
    )
    if customer is None:
        unknown = Message("import.customer_unknown", {"handle": row.get("customer", "")})
        report.problems.append(RowProblem(number, "customer", unknown))
    return customer


def _stage_words(pipeline: Pipeline) -> dict[str, str]:
    """Each stage by its key and its label in either language."""
    words: dict[str, str] = {}
    for key in pipeline.keys:
        words[normalize(key)] = key
        for lang in ("en", "zh"):
            words[normalize(stage_label(key, pipeline, lang))] = key
    return words


def _deal_draft(row: dict[str, str], pipeline: Pipeline, stages: dict[str, str]) -> DealDraft:
    errors: dict[str, Message] = {}
    amount: Money | None = None
    if text := _with_currency(row.get("amount", ""), row.get("currency", "")):
        try:
            amount = read_amount(text, default_currency=pipeline.currency)
        except AmountRefused as refused:
            errors["amount"] = Message(f"amount.{refused.reason}", {"text": refused.text})
    stage = None
    if written := row.get("stage", "").strip():
        stage = stages.get(normalize(written))
        if stage is None:
            errors["stage"] = Message("deal.stage_unknown", {"stage": written})
    probability = None
    if written := row.get("probability", "").strip().rstrip("%"):
        if written.isdigit():
            probability = int(written)
        else:
            errors["probability"] = Message("deal.probability_range")
    close: date | None = None
    if written := row.get("expected_close", "").strip():
        try:
            close = date.fromisoformat(_iso(written))
        except ValueError:
            errors["expected_close"] = Message("import.date_unreadable", {"text": written[:80]})
    if errors:
        raise Invalid(errors)
    return DealDraft(
        name=row.get("deal_name", ""),
        amount=amount,
        stage=stage,
        probability=probability,
        expected_close=close,
        owner_id=row.get("owner_id", "").strip() or None,
        next_step=row.get("next_step", "").strip() or None,
        loss_reason=row.get("loss_reason", "").strip() or None,
    )


def _with_currency(amount: str, currency: str) -> str:
    """`1200000.00` beside `CNY` reads as `CNY 1200000.00`."""
    amount, currency = amount.strip(), currency.strip().upper()
    if amount and len(currency) == 3 and currency.isalpha():
        return f"{currency} {amount}"
    return amount


def _iso(text: str) -> str:
    """`2026/12/31` as spreadsheets write it; a wrong date raises ValueError when read."""
    return text.strip().replace("/", "-")


def _cancelled(status: str) -> bool:
    words = {normalize(t("contract.status_cancelled", lang)) for lang in ("en", "zh")}
    return normalize(status) in words | {"cancelled", "canceled"}


def _problems(number: int, prefix: str, invalid: Invalid) -> list[RowProblem]:
    renamed = {"close": "expected_close", "customer": "customer"}
    return [
        RowProblem(number, _field(prefix, renamed.get(field, field)), message)
        for field, message in invalid.errors.items()
    ]


def _field(prefix: str, field: str) -> str:
    return field if field == "customer" else prefix + field
