"""`/customer stages`: the workspace's pipeline, and an admin's changes to it —
`set 初步接触 10 方案 30 报价 50 谈判 75` (the open stages in order, with their default
probability), `stale 报价 21` (days in a stage before a deal is stale), `currency USD` (what a
bare amount is in). Won and lost always close the pipeline. A stage that open deals are in
is not taken away: they are moved first."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from bot.actor import Actor
from bot.customers.refusals import AdminsOnly
from bot.errors import Conflict, Invalid, Message
from bot.sales.amounts import CURRENCIES
from bot.sales.stages import STAGE_WORDS, read_stage
from bot.store.db import Database
from bot.store.pipeline import (
    CLOSED,
    MAX_STAGES,
    PIPELINE_KEY,
    Pipeline,
    Stage,
    pipeline_of,
    pipeline_value,
)
from bot.store.sales import open_deals_in_stages
from bot.store.settings import put_setting

DEFAULT_STALE = 21
MAX_KEY = 32


@dataclass(frozen=True)
class PipelineShown:
    pipeline: Pipeline
    changed: bool


def read_pipeline_change(text: str, current: Pipeline) -> Pipeline | None:
    """The pipeline `text` asks for (None: only show it); Invalid names what is wrong."""
    words = unicodedata.normalize("NFKC", text).split()
    if not words:
        return None
    verb, rest = words[0].lower(), words[1:]
    if verb in ("set", "设置") and rest and len(rest) % 2 == 0:
        return replace(current, stages=_stages(rest, current))
    if verb in ("stale", "停滞") and len(rest) == 2 and rest[1].isdigit():
        key = read_stage(rest[0], current)
        days = int(rest[1])
        if key is None or key in CLOSED or not 1 <= days <= 365:
            raise Invalid({"text": Message("stages.stale_invalid")})
        stages = tuple(replace(s, stale_days=days) if s.key == key else s for s in current.stages)
        return replace(current, stages=stages)
    if verb in ("currency", "币种") and len(rest) == 1 and rest[0].upper() in CURRENCIES:
        return replace(current, currency=rest[0].upper())
    raise Invalid({"text": Message("stages.usage")})


def _stages(words: list[str], current: Pipeline) -> tuple[Stage, ...]:
    stages: list[Stage] = []
    for name, number in zip(words[::2], words[1::2], strict=True):
        if not number.rstrip("%").isdigit() or not 0 <= int(number.rstrip("%")) < 100:
            raise Invalid({"text": Message("stages.probability", {"stage": name})})
        key = _key(name, current)
        if key in CLOSED or key in [s.key for s in stages]:
            raise Invalid({"text": Message("stages.name_taken", {"stage": name})})
        known = current.stage(key)
        label = "" if key in STAGE_WORDS else name
        stale = known.stale_days if known else DEFAULT_STALE
        stages.append(Stage(key, int(number.rstrip("%")), stale, label))
    if not 1 <= len(stages) <= MAX_STAGES:
        raise Invalid({"text": Message("stages.how_many", {"most": MAX_STAGES})})
    return tuple(stages)


def _key(name: str, current: Pipeline) -> str:
    """A built-in stage by any of its words, a custom one by its own name."""
    for key, words in STAGE_WORDS.items():
        if name.lower() in words:
            return key
    known = read_stage(name, current)
    return known or re.sub(r"\s+", "-", name.strip().lower())[:MAX_KEY]


async def pipeline_settings(db: Database, *, actor: Actor, text: str) -> PipelineShown:
    async with db.transaction(write=bool(text.strip())) as session:
        current = await pipeline_of(session=session, team_id=actor.team_id)
        wanted = read_pipeline_change(text, current)
        if wanted is None:
            return PipelineShown(current, changed=False)
        if not actor.is_admin:
            raise AdminsOnly()
        dropped = {s.key for s in current.stages} - {s.key for s in wanted.stages}
        if dropped:
            in_use = await open_deals_in_stages(
                session=session, team_id=actor.team_id, stages=sorted(dropped)
            )
            if in_use:
                stage, count = in_use[0]
                raise Conflict(Message("stages.in_use", {"stage": stage, "count": count}))
        await put_setting(
            session=session,
            team_id=actor.team_id,
            key=PIPELINE_KEY,
            value=pipeline_value(wanted),
            actor_id=actor.user_id,
            now=actor.now,
        )
        return PipelineShown(wanted, changed=True)
