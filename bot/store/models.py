"""SQLModel tables. Every change here comes with an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.store.types import UTCDateTime, utcnow


class SlackProfile(SQLModel, table=True):
    """What Slack told us about a person (users.info), kept so that jobs and
    replies know the person's language and time zone without asking again."""

    __tablename__ = "slack_profile"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    display_name: str = Field(default="", max_length=255)
    locale: str | None = Field(default=None, max_length=16)
    tz: str | None = Field(default=None, max_length=64)
    is_admin: bool = Field(default=False)
    fetched_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
