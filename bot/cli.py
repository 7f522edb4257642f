"""The `rapport` command: serve, migrate, console."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime

from bot import __version__
from bot.log_lines import configure_logging
from bot.process_memory import one_malloc_arena
from bot.settings import Settings, SettingsError, database_file, load_settings, shown_database
from bot.store.schema_version import sqlite_file_is_current

EXIT_SETTINGS = 2
EXIT_DATABASE = 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.verb == "serve":
        one_malloc_arena()  # before the migration's and the server's threads
    try:
        settings = load_settings(
            os.environ, require_slack=args.verb == "serve", require_token=args.verb == "jobs"
        )
    except SettingsError as error:
        print(f"rapport: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    configure_logging(settings.log_level, shape=settings.log_format, quiet=args.verb == "console")
    file = database_file(settings.database_url)
    new_database = file is not None and not file.exists()
    skip_migrate = args.verb == "serve" and args.no_migrate
    if not skip_migrate and not _migrate(settings):
        return EXIT_DATABASE
    if args.verb == "serve":
        # What the server makes while it starts lives as long as it does: no collection walks
        # it while it is made; serve() turns collections back on once it listens (0.15 s of 1.3)
        gc.disable()
        from bot.commands.server import serve

        logging.getLogger("rapport").info("Database: %s", shown_database(settings.database_url))
        asyncio.run(serve(settings))
    elif args.verb == "migrate":
        print(f"rapport: database schema is up to date ({shown_database(settings.database_url)})")
    elif args.verb == "jobs":
        from bot.jobs.cli import run_jobs

        return asyncio.run(run_jobs(settings, args.sweep, now=args.now))
    elif args.verb in ("import", "export"):
        from bot.imports.cli import run_export, run_import

        run = run_import if args.verb == "import" else run_export
        return asyncio.run(run(settings, args))
    elif args.verb == "team":
        from bot.customers.team_cli import run_team

        return asyncio.run(run_team(settings, args))
    elif args.verb == "console":
        from bot.console.repl import run_console

        return asyncio.run(
            run_console(
                settings,
                command=args.command,
                user=args.user,
                lang=args.lang,
                tz=args.tz,
                start=args.now,
                new_database=new_database,
            )
        )
    return 0


def _migrate(settings: Settings) -> bool:
    if sqlite_file_is_current(database_file(settings.database_url)):
        return True  # nothing to upgrade: Alembic need not even be loaded
    from bot.store.migrate import upgrade

    try:
        upgrade(settings.database_url)
    except Exception as error:  # one line, not a traceback: the operator fixes the URL or server
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"rapport: cannot open or upgrade the database: {reason}", file=sys.stderr)
        return False
    return True


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rapport", description="Customer relations in Slack.")
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")
    serve = verbs.add_parser("serve", help="serve Slack over HTTP ($PORT) or Socket Mode")
    serve.add_argument(
        "--no-migrate",
        action="store_true",
        help="do not upgrade the schema at start (a separate `rapport migrate` does); "
        "/healthz answers 503 and the sweeps wait until the schema is current",
    )
    verbs.add_parser("migrate", help="upgrade the database schema")
    jobs = verbs.add_parser("jobs", help="run scheduled work once (cron, back-fills, debugging)")
    jobs_verbs = jobs.add_subparsers(dest="jobs_verb", required=True, metavar="run")
    run = jobs_verbs.add_parser("run", help="run one sweep as of --now and print what was sent")
    run.add_argument("sweep", choices=("reminders", "briefs"))
    run.add_argument(
        "--now",
        type=_aware_time,
        default=None,
        help="ISO-8601 time with offset, e.g. 2026-11-23T15:00+08:00",
    )
    importing = verbs.add_parser(
        "import", help="import customers, contacts, opportunities or contracts from a CSV file"
    )
    importing.add_argument("kind", choices=("customers", "contacts", "opportunities", "contracts"))
    importing.add_argument("file")
    importing.add_argument("--team", required=True, help="Slack workspace id, e.g. T0123ABCD")
    importing.add_argument(
        "--as",
        dest="as_user",
        required=True,
        help="Slack user id of the person importing (default manager)",
    )
    importing.add_argument("--dry-run", action="store_true", help="check only, save nothing")
    importing.add_argument("--lang", choices=("en", "zh"), default="en")
    exporting = verbs.add_parser("export", help="export customers, contacts or logs as CSV")
    exporting.add_argument(
        "kind", choices=("customers", "contacts", "logs", "opportunities", "contracts")
    )
    exporting.add_argument("--team", required=True, help="Slack workspace id, e.g. T0123ABCD")
    exporting.add_argument("--out", help="file to write (default: standard output)")
    exporting.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of the column names"
    )
    team = verbs.add_parser("team", help="admins: supervisors and clearances")
    team.add_argument("--team", required=True, help="Slack workspace id, e.g. T0123ABCD")
    team_verbs = team.add_subparsers(dest="team_verb", required=True, metavar="ACTION")
    team_verbs.add_parser("show", help="list supervisors and clearances")
    supervisor = team_verbs.add_parser("supervisor", help="set (or clear) a supervisor")
    supervisor.add_argument("user")
    supervisor.add_argument("supervisor", help="a user id, or 'none'")
    clearance = team_verbs.add_parser("clearance", help="set a clearance (0–9)")
    clearance.add_argument("user")
    clearance.add_argument("level", type=int)
    console = verbs.add_parser("console", help="try Rapport in the terminal, no Slack needed")
    console.add_argument("-c", "--command", help="run one command, print what Rapport says, exit")
    console.add_argument("--user", default="U_LOCAL", help="Slack user id to act as")
    console.add_argument("--lang", choices=("en", "zh"), help="language (default: from $LANG)")
    console.add_argument("--tz", help="IANA time zone (default: this machine's)")
    console.add_argument(
        "--now",
        type=_aware_time,
        default=None,
        help="pretend the console starts at this moment (time runs on from there), "
        "e.g. 2027-02-28T23:30+08:00",
    )
    return parser


def _aware_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO-8601 time such as 2026-11-23T15:00+08:00, got {text!r}"
        ) from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give the time zone offset, e.g. +08:00 or Z")
    return moment


if __name__ == "__main__":
    sys.exit(main())
