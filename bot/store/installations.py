"""Where Rapport is installed: Slack's OAuth installations, and each workspace's state.

The installation, bot and OAuth-state tables are slack_sdk's own (its SQLAlchemy stores read
and write them: `AsyncSQLAlchemyInstallationStore`, `AsyncSQLAlchemyOAuthStateStore`); they
are declared here, column for column as slack_sdk 3.47 builds them, so that Alembic creates
them and the schema test sees them. Their timestamps are naive UTC, as slack_sdk writes
them. tests/commands/test_installs.py checks that the two declarations agree.

`Workspace` is Rapport's: which enterprise a workspace belongs to (an org-wide install's
token serves every workspace of the organization), and whether Rapport is active there —
an uninstall deactivates it and keeps its data; a re-install activates it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.table_model import TableModel
from bot.store.types import UTCDateTime, utcnow

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
OAUTH_STATES_TABLE = "slack_oauth_states"


def _installation_columns() -> list[sa.Column]:
    return [
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime),
    ]


slack_installations = sa.Table(
    INSTALLATIONS_TABLE,
    SQLModel.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_id", sa.String(32), nullable=False),
    sa.Column("app_id", sa.String(32), nullable=False),
    sa.Column("enterprise_id", sa.String(32)),
    sa.Column("enterprise_name", sa.String(200)),
    sa.Column("enterprise_url", sa.String(200)),
    *_installation_columns()[2:],
    sa.Column("user_id", sa.String(32), nullable=False),
    sa.Column("user_token", sa.String(200)),
    sa.Column("user_scopes", sa.String(1000)),
    sa.Column("user_refresh_token", sa.String(200)),
    sa.Column("user_token_expires_at", sa.DateTime),
    sa.Column("incoming_webhook_url", sa.String(200)),
    sa.Column("incoming_webhook_channel", sa.String(200)),
    sa.Column("incoming_webhook_channel_id", sa.String(200)),
    sa.Column("incoming_webhook_configuration_url", sa.String(200)),
    sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
    sa.Column("token_type", sa.String(32)),
    sa.Column("installed_at", sa.DateTime, nullable=False),
    sa.Index(
        f"{INSTALLATIONS_TABLE}_idx",
        "client_id",
        "enterprise_id",
        "team_id",
        "user_id",
        "installed_at",
    ),
)

slack_bots = sa.Table(
    BOTS_TABLE,
    SQLModel.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_id", sa.String(32), nullable=False),
    sa.Column("app_id", sa.String(32), nullable=False),
    *_installation_columns(),
    sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
    sa.Column("installed_at", sa.DateTime, nullable=False),
    sa.Index(f"{BOTS_TABLE}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = sa.Table(
    OAUTH_STATES_TABLE,
    SQLModel.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("state", sa.String(200), nullable=False),
    sa.Column("expire_at", sa.DateTime, nullable=False),
)


class Workspace(TableModel, table=True):
    """A Slack workspace Rapport serves (or served): its organization and whether it is on."""

    __tablename__ = "workspace"

    team_id: str = Field(primary_key=True, max_length=32)
    enterprise_id: str | None = Field(default=None, max_length=32, index=True)
    org_install: bool = Field(default=False)  # its token is the organization's (org-wide)
    active: bool = Field(default=True)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reason: str = Field(default="", max_length=32)  # installed | app_uninstalled | tokens_revoked


async def workspace_of(*, session: AsyncSession, team_id: str) -> Workspace | None:
    return await session.get(Workspace, team_id)


async def note_workspace(
    *,
    session: AsyncSession,
    team_id: str,
    enterprise_id: str | None,
    org_install: bool,
    now: datetime,
) -> None:
    """Remember a workspace seen in a request (and its organization), unless already known:
    whether it is active is decided by installs and uninstalls, never by a request."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    await session.exec(
        dialect.insert(Workspace)
        .values(
            team_id=team_id,
            enterprise_id=enterprise_id,
            org_install=org_install,
            active=True,
            changed_at=now,
            reason="seen",
        )
        .on_conflict_do_nothing(index_elements=["team_id"])
    )


async def set_installed(
    *,
    session: AsyncSession,
    team_id: str | None,
    enterprise_id: str | None,
    org_install: bool,
    active: bool,
    reason: str,
    now: datetime,
) -> None:
    """An install (`active`) or an uninstall: of one workspace, or — org-wide — of every
    workspace of the organization Rapport has seen."""
    if org_install and enterprise_id:
        await session.exec(
            update(Workspace)
            .where(col(Workspace.enterprise_id) == enterprise_id, col(Workspace.org_install))
            .values(active=active, reason=reason, changed_at=now)
        )
        return
    if not team_id:
        return
    found = await session.get(Workspace, team_id)
    if found is None:
        session.add(
            Workspace(
                team_id=team_id,
                enterprise_id=enterprise_id,
                org_install=False,
                active=active,
                changed_at=now,
                reason=reason,
            )
        )
        return
    found.enterprise_id, found.org_install = enterprise_id, False
    found.active, found.reason, found.changed_at = active, reason, now


async def inactive_teams(*, session: AsyncSession, team_ids: Sequence[str]) -> set[str]:
    query = select(Workspace.team_id).where(
        col(Workspace.team_id).in_(list(team_ids)), col(Workspace.active).is_(False)
    )
    return set((await session.exec(query)).all())
