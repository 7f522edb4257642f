"""Who is acting: language, time zone and admin flag, from Slack's profile or defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import Lang, pick_language
from bot.store.models import SlackProfile

PROFILE_TTL = timedelta(hours=24)


@dataclass(frozen=True)
class Person:
    team_id: str
    user_id: str
    lang: Lang
    tz: ZoneInfo
    is_admin: bool = False
    name: str = ""


def person_from_profile(
    profile: SlackProfile | None, *, team_id: str, user_id: str, default_tz: ZoneInfo
) -> Person:
    if profile is None:
        return Person(team_id=team_id, user_id=user_id, lang="en", tz=default_tz)
    return Person(
        team_id=team_id,
        user_id=user_id,
        lang=pick_language(profile.locale),
        tz=_zone(profile.tz, default_tz),
        is_admin=profile.is_admin,
        name=profile.display_name,
    )


def profile_from_users_info(user: dict[str, Any], *, team_id: str, now: datetime) -> SlackProfile:
    """Build a profile from the `user` object of Slack's users.info (include_locale=true)."""
    names = user.get("profile") or {}
    return SlackProfile(
        team_id=team_id,
        user_id=user["id"],
        display_name=(
            names.get("display_name")
            or names.get("real_name")
            or user.get("real_name")
            or user.get("name")
            or ""
        )[:255],
        locale=user.get("locale"),
        tz=user.get("tz"),
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
        fetched_at=now,
    )


def is_fresh(profile: SlackProfile | None, *, now: datetime) -> bool:
    return profile is not None and now - profile.fetched_at < PROFILE_TTL


def _zone(name: str | None, default: ZoneInfo) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else default
    except (ZoneInfoNotFoundError, ValueError):
        return default
