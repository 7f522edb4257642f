"""The sales pipeline of a workspace, with its documented defaults: the open stages in order,
each with the probability a deal in it gets by default and the days after which a deal still
in it is stale; then won and lost. An admin may change the open stages (`/customer stages`).

The defaults fit a project-delivery sale: qualified, solution, proposal, negotiation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer, WorkspaceSetting

WON, LOST = "won", "lost"
CLOSED = (WON, LOST)
PIPELINE_KEY = "pipeline"
DEFAULT_CURRENCY = "CNY"
MAX_STAGES = 8  # a short pipeline: it is shown as buttons and in one chart


@dataclass(frozen=True)
class Stage:
    key: str  # qualified, solution … or a custom stage's own word
    probability: int  # per cent
    stale_days: int  # a deal still in this stage after so many days is stale
    label: str = ""  # a custom stage's name as the admin wrote it ("" for the built-in ones)


DEFAULT_STAGES = (
    Stage("qualified", 10, 30),
    Stage("solution", 25, 21),
    Stage("proposal", 50, 21),
    Stage("negotiation", 75, 14),
)


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...] = DEFAULT_STAGES  # the open ones, in order
    currency: str = DEFAULT_CURRENCY  # what a bare amount is in

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.stages] + list(CLOSED)

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)

    def probability(self, key: str) -> int:
        if key == WON:
            return 100
        stage = self.stage(key)
        return stage.probability if stage is not None else 0

    def stale_days(self, key: str) -> int | None:
        stage = self.stage(key)
        return stage.stale_days if stage is not None else None

    def first(self) -> str:
        return self.stages[0].key


def pipeline_from(value: Mapping[str, Any] | None) -> Pipeline:
    """A workspace's stored setting; the defaults for what it does not say."""
    if not value:
        return Pipeline()
    stages = tuple(
        Stage(str(s["key"]), int(s["probability"]), int(s["stale_days"]), str(s.get("label", "")))
        for s in value.get("stages", [])
    )
    return Pipeline(stages or DEFAULT_STAGES, str(value.get("currency") or DEFAULT_CURRENCY))


def pipeline_value(pipeline: Pipeline) -> dict[str, Any]:
    return {
        "stages": [
            {
                "key": s.key,
                "probability": s.probability,
                "stale_days": s.stale_days,
                "label": s.label,
            }
            for s in pipeline.stages
        ],
        "currency": pipeline.currency,
    }


async def pipeline_of(*, session: AsyncSession, team_id: str) -> Pipeline:
    row = await session.get(WorkspaceSetting, (team_id, PIPELINE_KEY))
    return pipeline_from(row.value if row else None)


def pipeline_setting(team_id: str) -> ColumnElement[bool]:
    """The workspace's pipeline setting, to join to a read whose row it goes with (its value
    null where the workspace keeps the defaults; `pipeline_from` reads either)."""
    return and_(col(WorkspaceSetting.team_id) == team_id, col(WorkspaceSetting.key) == PIPELINE_KEY)


async def card_and_pipeline(
    *, session: AsyncSession, team_id: str, customer_id: int
) -> tuple[Customer, Pipeline] | None:
    """The card `customer_id` and the workspace's pipeline, in one statement (issue 17: a
    form that reads the card and asks the pipeline — its stages, its currency — sent two);
    None when there is no such card."""
    found = await session.exec(
        select(Customer, WorkspaceSetting.value)
        .outerjoin(WorkspaceSetting, pipeline_setting(team_id))
        .where(Customer.id == customer_id)
    )
    row = found.first()
    return None if row is None else (row[0], pipeline_from(row[1]))


async def pipelines(*, session: AsyncSession) -> dict[str, Pipeline]:
    """Every workspace's own pipeline (the sweep reads them once); others have the defaults."""
    query = select(WorkspaceSetting).where(WorkspaceSetting.key == PIPELINE_KEY)
    return {row.team_id: pipeline_from(row.value) for row in (await session.exec(query)).all()}
