"""Store functions for cached Slack profiles."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import SlackProfile
from bot.store.one_of import one_of, parts

FIELDS = ("display_name", "locale", "tz", "is_admin", "fetched_at")


async def get_profile(*, session: AsyncSession, team_id: str, user_id: str) -> SlackProfile | None:
    return await session.get(SlackProfile, (team_id, user_id))


async def save_profile(*, session: AsyncSession, profile: SlackProfile) -> None:
    """An upsert: two first requests of one person may save at the same moment."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = {
        "team_id": profile.team_id,
        "user_id": profile.user_id,
        **{name: getattr(profile, name) for name in FIELDS},
    }
    statement = dialect.insert(SlackProfile).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=["team_id", "user_id"],
        set_={name: getattr(statement.excluded, name) for name in FIELDS},
    )
    await session.exec(statement)


async def profiles_of(
    *, session: AsyncSession, team_id: str, user_ids: list[str]
) -> list[SlackProfile]:
    found: list[SlackProfile] = []
    for part in parts(user_ids, session.get_bind().dialect):
        query = select(SlackProfile).where(
            SlackProfile.team_id == team_id, one_of(col(SlackProfile.user_id), part)
        )
        found += list((await session.exec(query)).all())
    return found


async def team_profiles(*, session: AsyncSession, team_id: str) -> list[SlackProfile]:
    """Everyone of a workspace Rapport has met, by user id."""
    query = select(SlackProfile).where(SlackProfile.team_id == team_id)
    return sorted((await session.exec(query)).all(), key=lambda p: p.user_id)
