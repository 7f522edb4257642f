"""`rapport import …` and `rapport export …`.

Exit codes of `rapport import`, for scripts (README, "Moving a spreadsheet in and out"):
0 every row imported (with --dry-run: would be), a file with no rows included; 3 some rows
refused, the others imported; 4 nothing imported — every row refused, the whole file
(encoding, not CSV, a required column missing), or a workspace Rapport does not know; 1 the
file or the database could not be opened; 2 a wrong option or setting. `rapport export`: 0
written; 4 no such workspace, nothing written; 1 the output file could not be written.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from bot.clock import SystemClock
from bot.customers.form import Message
from bot.i18n import Lang, t
from bot.i18n.messages import MESSAGES
from bot.imports.contacts import import_contacts
from bot.imports.csvfile import CsvUnreadable, read_table
from bot.imports.customers import import_customers
from bot.imports.export import EXPORTS, team_customers, workspace_known
from bot.imports.report import ImportReport
from bot.imports.sales_import import import_contracts, import_opportunities
from bot.settings import Settings
from bot.store.db import Database
from bot.store.statistics import CARD_TABLES, SALES_TABLES, analyse

SALES_IMPORTS = {"opportunities": import_opportunities, "contracts": import_contracts}
EXIT_ALL_IMPORTED = 0
EXIT_CANNOT_OPEN = 1
EXIT_SOME_REFUSED = 3
EXIT_NOTHING_IMPORTED = 4
EXIT_UNKNOWN_WORKSPACE = 4
IMPORT_NICENESS = 10  # added to the process's niceness, as nice(1) does by default
FIELD_LABELS = {"manager_id": "manager", "name": "contact_name", "customer": "customer"}


async def run_import(settings: Settings, args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    as_background_work()
    try:
        data = await asyncio.to_thread(Path(args.file).read_bytes)
    except OSError as error:
        print(f"rapport: {error}", file=sys.stderr)
        return EXIT_CANNOT_OPEN
    try:
        table = read_table(data, args.kind)
    except CsvUnreadable as refused:
        print(f"rapport: {args.file}: {say(refused.message, lang)}", file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    if table.missing:
        print(
            "rapport: "
            + t(
                "import.missing",
                lang,
                columns=", ".join(field_name(f, lang) for f in table.missing),
            ),
            file=sys.stderr,
        )
        return EXIT_NOTHING_IMPORTED
    if table.unknown:
        print(t("import.unknown", lang, columns=", ".join(table.unknown)))
    db = Database(settings.database_url)
    try:
        async with db.transaction() as session:
            known = await workspace_known(session, args.team)
        if not known:  # a mistyped id: cards nobody would see, checked against nothing
            print("rapport: " + t("import.unknown_team", lang, team=args.team), file=sys.stderr)
            return EXIT_UNKNOWN_WORKSPACE
        if args.kind in SALES_IMPORTS:
            report = await SALES_IMPORTS[args.kind](
                db,
                table.rows,
                team_id=args.team,
                actor_id=args.as_user,
                now=SystemClock().now(),
                dry_run=args.dry_run,
                progress=_bar(len(table.rows)),
                tz=settings.default_tz,
            )
        else:
            run = import_customers if args.kind == "customers" else import_contacts
            options = (
                {"manager_id": args.as_user}
                if args.kind == "customers"
                else {"actor_id": args.as_user}
            )
            report = await run(
                db,
                table.rows,
                team_id=args.team,
                region=settings.phone_region,
                now=SystemClock().now(),
                dry_run=args.dry_run,
                progress=_bar(len(table.rows)),
                **options,
            )
        if report.imported and not report.dry_run:  # the duplicate check needs them at once
            await analyse(db, tables=SALES_TABLES if args.kind in SALES_IMPORTS else CARD_TABLES)
    finally:
        await db.dispose()
    report.unknown_columns = table.unknown
    print_report(report, lang)
    return exit_code(report)


def as_background_work() -> None:
    """An import is batch work beside people waiting for their commands' replies: when both
    want the machine's cores, theirs go first (the reading processes inherit this). Alone
    on the machine, the import runs as fast as before."""
    lower = getattr(os, "nice", None)  # not on Windows
    if lower is not None:
        with suppress(OSError):
            lower(IMPORT_NICENESS)


def exit_code(report: ImportReport) -> int:
    if not report.problems:
        return EXIT_ALL_IMPORTED
    return EXIT_SOME_REFUSED if report.imported else EXIT_NOTHING_IMPORTED


def say(message: Message, lang: Lang) -> str:
    """A message in `lang`; a parameter that is itself a message is said in `lang` too."""
    params = {
        name: say(value, lang) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    return t(message.key, lang, **params)


def print_report(report: ImportReport, lang: Lang) -> None:
    for problem in sorted(report.problems, key=lambda p: p.row):
        message = say(problem.message, lang)
        if problem.field:
            line = t(
                "import.row",
                lang,
                row=problem.row,
                field=field_name(problem.field, lang),
                message=message,
            )
        else:
            line = t("import.row_whole", lang, row=problem.row, message=message)
        print("  " + line)
    counts = {"read": report.read, "imported": report.imported, "refused": report.refused_rows}
    print(t("import.summary_dry" if report.dry_run else "import.summary", lang, **counts))


def field_name(field: str, lang: Lang) -> str:
    key = f"label.{FIELD_LABELS.get(field, field)}"
    return t(key, lang) if key in MESSAGES else field


def _bar(total: int) -> Callable[[int], None]:
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
    lang: Lang = args.lang
    db = Database(settings.database_url)
    try:
        async with db.transaction() as session:
            if not await workspace_known(session, args.team):
                print("rapport: " + t("export.unknown_team", lang, team=args.team), file=sys.stderr)
                return EXIT_UNKNOWN_WORKSPACE
            customers = await team_customers(session, args.team)
            exported = await EXPORTS[args.kind](session, customers, lang, settings.default_tz)
    finally:
        await db.dispose()
    text = exported.text
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        await asyncio.to_thread(Path(args.out).write_text, text, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            "rapport: " + t("export.cannot_write", lang, path=args.out, reason=reason),
            file=sys.stderr,
        )
        return EXIT_CANNOT_OPEN
    print("rapport: " + t("export.wrote", lang, path=args.out), file=sys.stderr)
    return 0
