"""`rapport team …`: the team tree and clearances from the command line (for admins)."""

from __future__ import annotations

import argparse
import sys

from bot.clock import SystemClock
from bot.customers.form import FormInvalid
from bot.customers.governance import set_clearance, set_supervisor
from bot.i18n import t
from bot.settings import Settings
from bot.store.access import team_members
from bot.store.db import Database

CLI_ACTOR = "rapport-cli"


async def run_team(settings: Settings, args: argparse.Namespace) -> int:
    db = Database(settings.database_url)
    try:
        async with db.transaction(write=True) as session:
            if args.team_verb == "supervisor":
                boss = None if args.supervisor.lower() == "none" else args.supervisor
                await set_supervisor(
                    session=session,
                    team_id=args.team,
                    user_id=args.user,
                    supervisor_id=boss,
                    actor_id=CLI_ACTOR,
                    now=SystemClock().now(),
                )
            elif args.team_verb == "clearance":
                await set_clearance(
                    session=session,
                    team_id=args.team,
                    user_id=args.user,
                    clearance=args.level,
                    actor_id=CLI_ACTOR,
                    now=SystemClock().now(),
                )
            members = await team_members(session=session, team_id=args.team)
    except FormInvalid as invalid:
        print("rapport: " + " ".join(t(m.key, "en", **m.params) for m in invalid.errors.values()))
        return 1
    finally:
        await db.dispose()
    if not members:
        print(t("cli.team.empty", "en", team=args.team), file=sys.stderr)
        return 1
    for m in members:
        print(f"{m.user_id}\tsupervisor={m.supervisor_id or '-'}\tclearance={m.clearance}")
    return 0
