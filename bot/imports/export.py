"""CSV exports in UTF-8 with a BOM, so Excel opens Chinese correctly; the column names read
back in by the import. Values are written as people read them (bot.imports.readable), and
no cell is one Excel would run as a formula (see formulas.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel import col, exists, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Lang
from bot.imports.formulas import neutralise
from bot.imports.readable import label, local_time, phone, zone_name
from bot.store.customers import live_contacts_of
from bot.store.models import (
    ChannelLink,
    ContactRecord,
    Customer,
    SlackProfile,
    TeamMember,
    Workspace,
    WorkspaceSetting,
)
from bot.store.types import saved_id

BOM = "\ufeff"
CUSTOMER_HEADERS = {
    "en": (
        "name",
        "short name",
        "address",
        "province",
        "city",
        "county",
        "phone",
        "email",
        "website",
        "notes",
        "status",
        "level",
        "manager",
        "security level",
        "phase",
        "value tier",
    ),
    "zh": (
        "名称",
        "简称",
        "地址",
        "省",
        "城市",
        "县",
        "电话",
        "电子邮件",
        "网站",
        "备注",
        "状况",
        "级别",
        "客户经理",
        "安全级别",
        "阶段",
        "价值等级",
    ),
}
CONTACT_HEADERS = {
    "en": (
        "customer",
        "salutation",
        "name",
        "title",
        "office phone",
        "home phone",
        "mobile",
        "email",
    ),
    "zh": ("客户简称", "称呼", "姓名", "职务", "办公电话", "住宅电话", "手机", "电子邮件"),
}
LOG_HEADERS = {
    "en": (
        "customer",
        "time ({zone})",
        "author",
        "kind",
        "what happened",
        "next step",
        "source",
        "link",
    ),
    "zh": ("客户", "时间（{zone}）", "记录人", "类型", "联系内容", "下一步", "来源", "链接"),
}


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([neutralise("" if v is None else str(v)) for v in row] for row in rows)
    return BOM + out.getvalue()


@dataclass(frozen=True)
class CsvExport:
    text: str
    rows: int  # customers, contacts or contact records written


async def customers_csv(
    session: AsyncSession, customers: Sequence[Customer], lang: Lang, tz: ZoneInfo
) -> CsvExport:
    rows = [
        (
            c.legal_name,
            c.handle,
            c.address,
            c.province,
            c.city,
            c.county,
            phone(c.phone_e164, c.phone_ext, lang),
            c.email,
            c.website,
            c.notes,
            label("status", c.status, lang),
            c.level,
            c.manager_id,
            c.security_level,
            label("phase", c.phase, lang),
            c.value_tier,
        )
        for c in customers
    ]
    return CsvExport(to_csv(CUSTOMER_HEADERS[lang], rows), len(rows))


async def contacts_csv(
    session: AsyncSession, customers: Sequence[Customer], lang: Lang, tz: ZoneInfo
) -> CsvExport:
    handles = {saved_id(c): c.handle for c in customers}
    rows = []
    for start in range(0, len(handles), 500):
        chunk = list(handles)[start : start + 500]
        contacts = await live_contacts_of(session=session, customer_ids=chunk)
        rows += [
            (
                handles[p.customer_id],
                label("salutation", p.salutation, lang),
                p.name,
                p.title,
                phone(p.office_phone_e164, p.office_phone_ext, lang),
                phone(p.home_phone_e164, "", lang),
                phone(p.mobile_e164, "", lang),
                p.email,
            )
            for card in sorted(chunk)
            for p in contacts[card]
        ]
    return CsvExport(to_csv(CONTACT_HEADERS[lang], rows), len(rows))


async def logs_csv(
    session: AsyncSession, customers: Sequence[Customer], lang: Lang, tz: ZoneInfo
) -> CsvExport:
    names = {c.id: c.handle for c in customers}
    rows = []
    for start in range(0, len(names), 500):
        chunk = list(names)[start : start + 500]
        query = (
            select(ContactRecord)
            .where(
                col(ContactRecord.customer_id).in_(chunk),
                col(ContactRecord.superseded).is_(False),
                col(ContactRecord.retracted_at).is_(None),
            )
            .order_by(col(ContactRecord.id))
        )
        rows += [
            (
                names[r.customer_id],
                local_time(r.created_at, tz),
                r.author_id,
                label("kind", r.kind, lang),
                r.summary,
                r.next_step,
                label("source", r.source, lang),
                r.source_permalink,
            )
            for r in (await session.exec(query)).all()
        ]
    header = [h.format(zone=zone_name(tz)) for h in LOG_HEADERS[lang]]
    return CsvExport(to_csv(header, rows), len(rows))


async def team_customers(session: AsyncSession, team_id: str) -> list[Customer]:
    query = (
        select(Customer)
        .where(Customer.team_id == team_id, col(Customer.archived_at).is_(None))
        .order_by(col(Customer.id))
    )
    return list((await session.exec(query)).all())


async def workspace_known(session: AsyncSession, team_id: str) -> bool:
    """Installed there or used there: the workspace recorded (at its own install, or at its
    first request), or anything Rapport holds for it — a card (archived too), a person, a
    setting. An organization-wide install records a workspace at its first request."""
    for table in (Workspace, Customer, SlackProfile, TeamMember, WorkspaceSetting, ChannelLink):
        if await session.scalar(exists().where(col(table.team_id) == team_id).select()):
            return True
    return False


EXPORTS = {"customers": customers_csv, "contacts": contacts_csv, "logs": logs_csv}
EXPORT_WORDS = {  # what may follow /customer export
    "customers": "customers",
    "客户": "customers",
    "contacts": "contacts",
    "联系人": "contacts",
    "logs": "logs",
    "records": "logs",
    "联系记录": "logs",
    "记录": "logs",
}

# Opportunities and contracts (bot/imports/sales_export.py), imported last: it writes with
# `to_csv` above.
from bot.imports.sales_export import SALES_EXPORT_WORDS, SALES_EXPORTS  # noqa: E402

EXPORTS.update(SALES_EXPORTS)
EXPORT_WORDS.update(SALES_EXPORT_WORDS)
