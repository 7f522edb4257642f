"""Store functions for the team tree, clearances and card shares."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import CardShare, ChannelLink, TeamMember, WorkspaceSetting

VISIBILITY_KEY = "visibility"
CHUNK = 500


async def team_members(*, session: AsyncSession, team_id: str) -> list[TeamMember]:
    query = select(TeamMember).where(TeamMember.team_id == team_id)
    return list((await session.exec(query)).all())


async def supervisors(*, session: AsyncSession, team_id: str) -> dict[str, str]:
    """Each member who has a supervisor → that supervisor: the supervisor tree, read as plain
    pairs (every request reads it; a workspace of thousands of people made as many objects)."""
    query = select(TeamMember.user_id, TeamMember.supervisor_id).where(
        TeamMember.team_id == team_id
    )
    return {user: boss for user, boss in (await session.exec(query)).all() if boss}


async def member(*, session: AsyncSession, team_id: str, user_id: str) -> TeamMember:
    found = await session.get(TeamMember, (team_id, user_id))
    return found or TeamMember(team_id=team_id, user_id=user_id)


async def open_level0(*, session: AsyncSession, team_id: str) -> bool:
    row = await session.get(WorkspaceSetting, (team_id, VISIBILITY_KEY))
    return bool(row and row.value.get("open_level0"))


async def shares_of(
    *, session: AsyncSession, customer_ids: Iterable[int]
) -> dict[int, tuple[set[str], set[str]]]:
    """customer id → (users, channels) it is shared with; project channels count as shared."""
    ids = sorted(set(customer_ids))
    found: dict[int, tuple[set[str], set[str]]] = {i: (set(), set()) for i in ids}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        shares = select(CardShare).where(
            col(CardShare.customer_id).in_(chunk), col(CardShare.revoked_at).is_(None)
        )
        for share in (await session.exec(shares)).all():
            found[share.customer_id][0 if share.kind == "user" else 1].add(share.target)
        links = select(ChannelLink.customer_id, ChannelLink.channel_id).where(
            col(ChannelLink.customer_id).in_(chunk), col(ChannelLink.unlinked_at).is_(None)
        )
        for customer_id, channel_id in (await session.exec(links)).all():
            found[customer_id][1].add(channel_id)
    return found


async def active_share(
    *, session: AsyncSession, customer_id: int, kind: str, target: str
) -> CardShare | None:
    query = select(CardShare).where(
        CardShare.customer_id == customer_id,
        CardShare.kind == kind,
        CardShare.target == target,
        col(CardShare.revoked_at).is_(None),
    )
    return (await session.exec(query)).first()
