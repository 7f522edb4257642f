"""Who is acting, and when: what every use case takes as `actor=`.

The edge (a Slack request, the console, a CLI) builds one `Actor` per request; use cases
read the team, the person's language and zone, the moment, and what the person may see
from it, and enforce the rules themselves. The edge never re-implements a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Lang


@dataclass(frozen=True)
class Actor:
    team_id: str
    user_id: str
    lang: Lang
    tz: ZoneInfo
    now: datetime  # read once from the clock, when the request arrived
    is_admin: bool = False  # a Slack admin or owner, or listed in RAPPORT_ADMINS
    channels: frozenset[str] = frozenset()  # the person's channels: cards shared with them
    name: str = ""

    def at(self, now: datetime) -> Actor:
        """The same person at another moment (a sweep run as of a chosen time)."""
        return replace(self, now=now)
