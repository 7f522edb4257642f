"""The use case of `/customer export`: the cards the actor may see, as a CSV in their language
and time zone. Sending the file is the edge's work, after the transaction has ended."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actor import Actor
from bot.customers.visibility import gate_of
from bot.errors import Invalid, Message
from bot.imports.export import EXPORT_WORDS, EXPORTS, CsvExport, team_customers
from bot.store.db import Database


@dataclass(frozen=True)
class CardsExport:
    kind: str  # customers | contacts | logs
    csv: CsvExport
    customers: int  # the cards it covers


async def export_cards(db: Database, *, actor: Actor, text: str) -> CardsExport:
    """`/customer export [contacts|logs]` (customers when nothing follows)."""
    kind = EXPORT_WORDS.get(text.strip().lower() or "customers")
    if kind is None:
        raise Invalid({"text": Message("export.usage")})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        visible = await gate.visible(await team_customers(session, actor.team_id))
        exported = await EXPORTS[kind](session, visible, actor.lang, actor.tz)
    return CardsExport(kind, exported, len(visible))
