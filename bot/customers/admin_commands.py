"""What admins type after `/customer team` and `/customer settings`, read into requests.

The CLI (`rapport team …`) builds the same requests from its arguments, so both run the
same use cases (governance_cases.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.customers.governance import read_target
from bot.customers.phases import read_phase
from bot.errors import Invalid, Message

TeamVerb = Literal["show", "supervisor", "clearance"]
NO_SUPERVISOR = ("none", "无")  # `/customer team supervisor @li none`


@dataclass(frozen=True)
class TeamChange:
    """Show the team, set (or clear, `supervisor_id` None) a supervisor, or set a clearance."""

    verb: TeamVerb
    user_id: str = ""
    supervisor_id: str | None = None
    clearance: int = 0


def read_team_command(text: str) -> TeamChange:
    """`` (show) · `supervisor <@U1> <@U2>` · `supervisor <@U1> none` · `clearance <@U1> 3`."""
    verb, _, args = text.partition(" ")
    verb = verb.lower()
    mentions = [word for word in args.split() if word.startswith("<@")]
    target = read_target(mentions[0]) if mentions else None
    if not verb:
        return TeamChange("show")
    if verb == "supervisor" and target is not None:
        boss = read_target(mentions[1]) if len(mentions) > 1 else None
        if boss is not None:
            return TeamChange("supervisor", user_id=target.id, supervisor_id=boss.id)
        if args.strip().lower().endswith(NO_SUPERVISOR):
            return TeamChange("supervisor", user_id=target.id)
    if verb == "clearance" and target is not None and args.split()[-1].isdecimal():
        return TeamChange("clearance", user_id=target.id, clearance=int(args.split()[-1]))
    raise Invalid({"text": Message("team.usage")})


@dataclass(frozen=True)
class SettingsChange:
    """Open level-0 cards to everyone (or not), or the days after which a phase is stale."""

    open_level0: bool | None = None
    stale_phase: str = ""
    stale_days: int = 0
    change_wait_days: int = 0  # days a change request may wait on one step


MAX_CHANGE_WAIT = 90


def read_settings_command(text: str) -> SettingsChange:
    """`open-level0 on|off` · `stale <phase> <days>` (a phase by its key or its label)."""
    words = text.lower().split()
    if words[:1] == ["open-level0"] and words[1:] in (["on"], ["off"]):
        return SettingsChange(open_level0=words[1] == "on")
    if words[:1] == ["stale"] and len(words) == 3 and words[2].isdecimal():
        return SettingsChange(
            stale_phase=read_phase(words[1]) or words[1], stale_days=int(words[2])
        )
    if words[:1] in (["change-wait"], ["变更等待"]) and len(words) == 2:
        days = int(words[1]) if words[1].isdecimal() else 0
        if not 1 <= days <= MAX_CHANGE_WAIT:
            raise Invalid(
                {"text": Message("settings.change_wait_range", {"most": MAX_CHANGE_WAIT})}
            )
        return SettingsChange(change_wait_days=days)
    raise Invalid({"text": Message("settings.usage")})
