"""Store functions for cached Slack profiles."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import SlackProfile


async def get_profile(*, session: AsyncSession, team_id: str, user_id: str) -> SlackProfile | None:
    return await session.get(SlackProfile, (team_id, user_id))


async def save_profile(*, session: AsyncSession, profile: SlackProfile) -> SlackProfile:
    return await session.merge(profile)


async def profiles_of(
    *, session: AsyncSession, team_id: str, user_ids: list[str]
) -> list[SlackProfile]:
    found: list[SlackProfile] = []
    for start in range(0, len(user_ids), 500):
        query = select(SlackProfile).where(
            SlackProfile.team_id == team_id,
            col(SlackProfile.user_id).in_(user_ids[start : start + 500]),
        )
        found += list((await session.exec(query)).all())
    return found
