"""Opportunities and contracts in and out as CSV: Chinese or English headers, GBK or UTF-8,
each refused row reported by its number and field, the others imported; what the export
writes reads back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.imports.sales_import import import_contracts
from bot.store.db import Database
from bot.store.sales_models import Contract, Opportunity, Receivable
from tests.conftest import TEAM, Create
from tests.imports.helpers import excel, export, import_file, write

CUSTOMERS = excel("名称,简称", "惠普中国有限公司,HP", "金科电子有限公司,Jinke")
DEALS_ZH = excel(
    "客户简称,销售机会,金额,币种,阶段,赢单概率,预计成交日期,负责人,下一步",
    "HP,ERP升级,1200000.00,CNY,报价,,2027-01-05,U_LI,发方案",
    "Jinke,运维服务,30万,,谈判,,,,",
    "Nobody,打印机,50万,,方案,,,,",
    "HP,机房改造,一百万,,方案,,,,",
    "HP,网络,10万,,不存在的阶段,,,,",
    "HP,云迁移,USD 50k,,赢单,,,,",
)
CONTRACTS_EN = excel(
    "customer,number,title,signed,start,end,amount,currency,deal,status,receivables",
    "HP,HT-001,ERP upgrade,2026-11-20,2026-12-01,2027-06-30,1200000.00,CNY,ERP升级,,"
    "2026-12-31 360000.00 首付款; 2027-06-30 840000.00 尾款",
    "HP,HT-002,Network,2027-07-01,,2027-06-30,100000,CNY,,,",
    "HP,HT-003,No amount,2026-11-20,,,,,,,",
    "HP,HT-004,Old one,2026-01-05,,,50000,CNY,,Cancelled,",
    "HP,HT-001,Again,2026-11-20,,,1000,CNY,,,",
)


async def all_of(database_url: str, model: type) -> list:
    db = Database(database_url)
    async with db.transaction() as session:
        found = list((await session.exec(select(model).order_by(col(model.id)))).all())
    await db.dispose()
    return found


async def test_deals_from_a_gbk_spreadsheet_with_chinese_headers(
    database_url: str, tmp_path: Path
) -> None:
    import_file("customers", write(tmp_path / "c.csv", CUSTOMERS), database_url=database_url)

    result = import_file(
        "opportunities", write(tmp_path / "d.csv", DEALS_ZH, "gbk"), database_url=database_url
    )

    assert "row 4, Customer: no customer with the short name Nobody" in result.stdout
    assert "row 5, Amount:" in result.stdout and "一百万" in result.stdout
    assert "row 6, Stage:" in result.stdout and "不存在的阶段" in result.stdout
    assert "row 7, Expected close:" in result.stdout  # won needs a close date
    assert "6 rows read, 2 imported, 4 refused." in result.stdout
    assert result.returncode == 3
    deals = await all_of(database_url, Opportunity)
    assert [(d.name, d.amount_minor, d.stage, d.probability, d.owner_id) for d in deals] == [
        ("ERP升级", 120_000_000, "proposal", 50, "U_LI"),
        ("运维服务", 30_000_000, "negotiation", 75, "U_WANG"),
    ]
    assert deals[0].next_step == "发方案"


async def test_contracts_with_their_payment_milestones_and_the_rules_named(
    database_url: str, tmp_path: Path
) -> None:
    import_file("customers", write(tmp_path / "c.csv", CUSTOMERS), database_url=database_url)
    import_file("opportunities", write(tmp_path / "d.csv", DEALS_ZH), database_url=database_url)

    result = import_file(
        "contracts", write(tmp_path / "k.csv", CONTRACTS_EN), database_url=database_url
    )

    assert "row 3, Signed on:" in result.stdout  # signed after its end
    assert "row 4, Amount:" in result.stdout
    assert "row 6, Contract number:" in result.stdout  # HT-001 is taken
    assert "5 rows read, 2 imported, 3 refused." in result.stdout
    contracts = await all_of(database_url, Contract)
    assert [(c.number, c.amount_minor, c.status) for c in contracts] == [
        ("HT-001", 120_000_000, "signed"),
        ("HT-004", 5_000_000, "cancelled"),
    ]
    deals = await all_of(database_url, Opportunity)
    assert contracts[0].opportunity_id == deals[0].id
    receivables = await all_of(database_url, Receivable)
    assert [(r.title, r.amount_minor) for r in receivables] == [
        ("首付款", 36_000_000),
        ("尾款", 84_000_000),
    ]


async def test_what_the_export_writes_reads_back(database_url: str, tmp_path: Path) -> None:
    import_file("customers", write(tmp_path / "c.csv", CUSTOMERS), database_url=database_url)
    import_file("opportunities", write(tmp_path / "d.csv", DEALS_ZH), database_url=database_url)
    import_file("contracts", write(tmp_path / "k.csv", CONTRACTS_EN), database_url=database_url)

    deals = export("opportunities", tmp_path, "--lang", "zh", database_url=database_url)
    contracts = export("contracts", tmp_path, database_url=database_url)
    assert deals.stdout.splitlines()[0].lstrip("\ufeff").startswith("客户简称,销售机会,金额")
    assert "HP,ERP升级,1200000.00,CNY,报价,50,2027-01-05,U_LI,发方案" in deals.stdout
    assert "2026-12-31 360000.00 首付款; 2027-06-30 840000.00 尾款" in contracts.stdout

    back = import_file(
        "opportunities",
        write(tmp_path / "back.csv", deals.stdout),
        "--dry-run",
        database_url=database_url,
    )
    assert "2 rows read, 2 would be imported, 0 refused" in back.stdout
    assert len(await all_of(database_url, Opportunity)) == 2  # a dry run saves nothing


async def test_a_contracts_signing_day_is_read_in_the_workspaces_zone(
    db: Database, create: Create
) -> None:
    """In Shanghai it is already 23 November at 23:30 UTC on the 22nd: a contract signed that
    day is not in the future there, whatever the day in UTC."""
    await create("惠普中国有限公司", short_name="HP")
    row = {"customer": "HP", "number": "HT-9", "signed_on": "2026-11-23", "amount": "100000"}
    late_evening = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)

    shanghai, utc = [
        await import_contracts(
            db,
            [row],
            team_id=TEAM,
            actor_id="U_WANG",
            now=late_evening,
            dry_run=True,  # each row written, checked and undone
            tz=ZoneInfo(zone),
        )
        for zone in ("Asia/Shanghai", "UTC")
    ]

    assert (shanghai.imported, utc.imported) == (1, 0)
    assert [p.field for p in utc.problems] == ["contract_signed_on"]
