"""`rapport team …`: the team tree and clearances from the command line (for admins).

Whoever runs the CLI administers the workspace: it acts as an admin Actor and runs the same
use cases as `/customer team` (governance_cases.py)."""

from __future__ import annotations

import argparse
import sys
from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.clock import SystemClock
from bot.customers.admin_commands import TeamChange
from bot.customers.governance_cases import apply_team_change
from bot.errors import Invalid
from bot.i18n import t
from bot.settings import Settings
from bot.store.db import Database

CLI_ACTOR = "rapport-cli"


def cli_actor(team_id: str) -> Actor:
    """The person at the command line, as an admin of `team_id`."""
    return Actor(
        team_id=team_id,
        user_id=CLI_ACTOR,
        lang="en",
        tz=ZoneInfo("UTC"),
        now=SystemClock().now(),
        is_admin=True,
    )


def team_change_of(args: argparse.Namespace) -> TeamChange:
    if args.team_verb == "supervisor":
        boss = None if args.supervisor.lower() == "none" else args.supervisor
        return TeamChange("supervisor", user_id=args.user, supervisor_id=boss)
    if args.team_verb == "clearance":
        return TeamChange("clearance", user_id=args.user, clearance=args.level)
    return TeamChange("show")


async def run_team(settings: Settings, args: argparse.Namespace) -> int:
    db = Database(settings.database_url)
    try:
        after = await apply_team_change(db, actor=cli_actor(args.team), change=team_change_of(args))
    except Invalid as invalid:
        print("rapport: " + " ".join(t(m.key, "en", **m.params) for m in invalid.errors.values()))
        return 1
    finally:
        await db.dispose()
    if not after.members:
        print(t("cli.team.empty", "en", team=args.team), file=sys.stderr)
        return 1
    for m in after.members:
        print(f"{m.user_id}\tsupervisor={m.supervisor_id or '-'}\tclearance={m.clearance}")
    return 0
