"""Store functions for cached Slack profiles."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import SlackProfile


async def get_profile(*, session: AsyncSession, team_id: str, user_id: str) -> SlackProfile | None:
    return await session.get(SlackProfile, (team_id, user_id))


async def save_profile(*, session: AsyncSession, profile: SlackProfile) -> SlackProfile:
    return await session.merge(profile)
