"""`rapport import …` and `rapport export …`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.imports.contacts import import_contacts
from bot.imports.csvfile import CsvUnreadable, read_table
from bot.imports.customers import ImportReport, import_customers
from bot.imports.export import EXPORTS, team_customers
from bot.settings import Settings
from bot.store.db import Database
from bot.store.types import utcnow

FIELD_LABELS = {"manager_id": "manager", "name": "contact_name", "customer": "customer"}


async def run_import(settings: Settings, args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    try:
        data = await asyncio.to_thread(Path(args.file).read_bytes)
        table = read_table(data, args.kind)
    except (OSError, CsvUnreadable) as error:
        print(
            f"rapport: {args.file}: {t('import.unreadable', lang)}"
            if isinstance(error, CsvUnreadable)
            else f"rapport: {error}",
            file=sys.stderr,
        )
        return 1
    if table.missing:
        print(
            "rapport: " + t("import.missing", lang, columns=", ".join(table.missing)),
            file=sys.stderr,
        )
        return 1
    if table.unknown:
        print(t("import.unknown", lang, columns=", ".join(table.unknown)))
    db = Database(settings.database_url)
    run = import_customers if args.kind == "customers" else import_contacts
    options = (
        {"manager_id": args.as_user} if args.kind == "customers" else {"actor_id": args.as_user}
    )
    try:
        report = await run(
            db,
            table.rows,
            team_id=args.team,
            region=settings.phone_region,
            now=utcnow(),
            dry_run=args.dry_run,
            progress=_bar(len(table.rows)),
            **options,
        )
    finally:
        await db.dispose()
    report.unknown_columns = table.unknown
    print_report(report, lang)
    return 0


def print_report(report: ImportReport, lang: Lang) -> None:
    for problem in sorted(report.problems, key=lambda p: p.row):
        message = t(problem.message.key, lang, **problem.message.params)
        print(
            "  "
            + t(
                "import.row",
                lang,
                row=problem.row,
                field=field_name(problem.field, lang),
                message=message,
            )
        )
    print(
        t(
            "import.summary",
            lang,
            read=report.read,
            imported=0 if report.dry_run else report.imported,
            refused=report.refused_rows,
            dry=t("import.dry", lang) if report.dry_run else "",
        )
    )


def field_name(field: str, lang: Lang) -> str:
    key = f"label.{FIELD_LABELS.get(field, field)}"
    return t(key, lang) if key in MESSAGES else field


def _bar(total: int):
    def show(done: int) -> None:
        if sys.stderr.isatty() or total > 5000:
            width = 30
            filled = width * done // max(total, 1)
            print(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} rows",
                end="" if done < total else "\n",
                file=sys.stderr,
                flush=True,
            )

    return show


async def run_export(settings: Settings, args: argparse.Namespace) -> int:
    db = Database(settings.database_url)
    try:
        async with db.transaction() as session:
            customers = await team_customers(session, args.team)
            exported = await EXPORTS[args.kind](session, customers, args.lang, settings.default_tz)
    finally:
        await db.dispose()
    text = exported.text
    if args.out:
        await asyncio.to_thread(Path(args.out).write_text, text, encoding="utf-8")
        print(f"rapport: wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
