"""Opportunities and contracts as CSV (UTF-8 with a BOM, no cell Excel would run as a
formula), with headers the import reads back (bot/imports/sales_columns.py): stages by their
label in the export's language, amounts as plain numbers beside their currency, days as
YYYY-MM-DD, people by their Slack id as the customers export writes managers."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.imports.export import CsvExport, to_csv
from bot.sales.amounts import Money
from bot.store.forecast import DealRow
from bot.store.models import Customer
from bot.store.pipeline import Pipeline, pipeline_of
from bot.store.receivables import receivables_of
from bot.store.sales import contracts_of, deals_of
from bot.store.sales_models import Contract, Opportunity, Receivable

OPPORTUNITY_HEADERS = {
    "en": (
        "customer",
        "deal",
        "amount",
        "currency",
        "stage",
        "probability",
        "expected close",
        "owner",
        "next step",
        "loss reason",
        "weighted",
    ),
    "zh": (
        "客户简称",
        "销售机会",
        "金额",
        "币种",
        "阶段",
        "赢单概率",
        "预计成交日期",
        "负责人",
        "下一步",
        "输单原因",
        "加权金额",
    ),
}
CONTRACT_HEADERS = {
    "en": (
        "customer",
        "number",
        "title",
        "signed",
        "start",
        "end",
        "amount",
        "currency",
        "deal",
        "status",
        "receivables",
    ),
    "zh": (
        "客户简称",
        "合同编号",
        "合同名称",
        "签订日期",
        "开始日期",
        "结束日期",
        "金额",
        "币种",
        "销售机会",
        "状态",
        "应收款",
    ),
}


def plain_amount(minor: int | None, currency: str) -> str:
    """`1200000.00`: a number a spreadsheet sums, and the import reads back."""
    if minor is None:
        return ""
    major: Decimal = Money(minor, currency).major
    return f"{major:f}"


def stage_label(key: str, pipeline: Pipeline, lang: Lang) -> str:
    stage = pipeline.stage(key)
    if stage is not None and stage.label:
        return stage.label
    message = f"stage.{key}"
    return t(message, lang) if message in MESSAGES else key


def _deal_row(handle: str, deal: Opportunity, pipeline: Pipeline, lang: Lang) -> tuple[object, ...]:
    weighted = (
        deal.amount_minor * deal.probability // 100 if deal.amount_minor is not None else None
    )
    return (
        handle,
        deal.name,
        plain_amount(deal.amount_minor, deal.currency),
        deal.currency,
        stage_label(deal.stage, pipeline, lang),
        deal.probability,
        deal.expected_close.isoformat() if deal.expected_close else "",
        deal.owner_id,
        deal.next_step,
        deal.loss_reason,
        plain_amount(weighted, deal.currency),
    )


async def opportunities_csv(
    session: AsyncSession, customers: Sequence[Customer], lang: Lang, tz: ZoneInfo
) -> CsvExport:
    """Every deal of these cards, open ones first."""
    pipelines: dict[str, Pipeline] = {}
    rows = []
    for customer in customers:
        assert customer.id is not None
        if customer.team_id not in pipelines:
            pipelines[customer.team_id] = await pipeline_of(
                session=session, team_id=customer.team_id
            )
        for deal in await deals_of(session=session, customer_id=customer.id):
            rows.append(_deal_row(customer.handle, deal, pipelines[customer.team_id], lang))
    return CsvExport(to_csv(OPPORTUNITY_HEADERS[lang], rows), len(rows))


def pipeline_csv(deals: Sequence[DealRow], pipeline: Pipeline, lang: Lang) -> CsvExport:
    """The deals a forecast counts."""
    rows = [_deal_row(row.customer_handle, row.deal, pipeline, lang) for row in deals]
    return CsvExport(to_csv(OPPORTUNITY_HEADERS[lang], rows), len(rows))


def receivables_cell(receivables: Sequence[Receivable], currency: str) -> str:
    """`2026-12-31 360000.00 首付款; …` — one payment milestone after another, as the
    contract form takes them (a received one ends with `received 2027-01-05`)."""
    parts = []
    for r in receivables:
        if r.status == "cancelled":
            continue
        part = f"{r.due_on.isoformat()} {plain_amount(r.amount_minor, currency)}"
        part += f" {r.title}" if r.title else ""
        if r.received_on is not None:
            part += f" received {r.received_on.isoformat()}"
        parts.append(part)
    return "; ".join(parts)


async def contracts_csv(
    session: AsyncSession, customers: Sequence[Customer], lang: Lang, tz: ZoneInfo
) -> CsvExport:
    rows = []
    for customer in customers:
        assert customer.id is not None
        contracts = await contracts_of(session=session, customer_id=customer.id)
        receivables = await receivables_of(
            session=session, contract_ids=[c.id for c in contracts if c.id is not None]
        )
        deal_names = {
            d.id: d.name for d in await deals_of(session=session, customer_id=customer.id)
        }
        for contract in contracts:
            rows.append(_contract_row(customer.handle, contract, receivables, deal_names, lang))
    return CsvExport(to_csv(CONTRACT_HEADERS[lang], rows), len(rows))


def _contract_row(
    handle: str,
    contract: Contract,
    receivables: Sequence[Receivable],
    deal_names: dict[int | None, str],
    lang: Lang,
) -> tuple[object, ...]:
    own = [r for r in receivables if r.contract_id == contract.id]
    return (
        handle,
        contract.number,
        contract.title,
        contract.signed_on.isoformat(),
        contract.starts_on.isoformat() if contract.starts_on else "",
        contract.ends_on.isoformat() if contract.ends_on else "",
        plain_amount(contract.amount_minor, contract.currency),
        contract.currency,
        deal_names.get(contract.opportunity_id, "") if contract.opportunity_id else "",
        t(f"contract.status_{contract.status}", lang),
        receivables_cell(own, contract.currency),
    )


SALES_EXPORTS = {"opportunities": opportunities_csv, "contracts": contracts_csv}
SALES_EXPORT_WORDS = {
    "opportunities": "opportunities",
    "deals": "opportunities",
    "销售机会": "opportunities",
    "商机": "opportunities",
    "contracts": "contracts",
    "合同": "contracts",
}
