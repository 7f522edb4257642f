"""The forecast's deals as a CSV, in the actor's language: the deals `/customer pipeline` with
the same filters counts, and nothing the actor may not see. Sending the file is the edge's
work, after the transaction."""

from __future__ import annotations

from bot.actor import Actor
from bot.imports.export import CsvExport
from bot.imports.sales_export import pipeline_csv
from bot.sales.forecast_cases import pipeline_deals
from bot.store.db import Database


async def export_pipeline(db: Database, *, actor: Actor, text: str) -> CsvExport:
    found = await pipeline_deals(db, actor=actor, text=text)
    return pipeline_csv(found.deals, found.pipeline, actor.lang)
