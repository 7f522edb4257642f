"""Keeps each card's stored health (CardHealth) from going wrong: every flush that adds,
changes or removes one of health's inputs — the card itself (phase, status, tier, last
contact, archived), its contact records, follow-ups, milestones, contacts and their roles,
the phase plan — drops the card's stored health in the same transaction, and a change of
the workspace's stale thresholds drops the whole workspace's. A dropped row is recomputed
the next time it is read (bot/customers/kept_health.py). One hook on every session, so no
use case can forget it; statements that bypass the ORM must not write these tables."""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import delete, event
from sqlalchemy.orm import Session
from sqlmodel import col

from bot.store.models import Contact, Customer, WorkspaceSetting
from bot.store.plan_tables import Milestone, PhasePlan
from bot.store.record_tables import ContactRecord, FollowUp
from bot.store.settings import STALE_KEY
from bot.store.team_models import CardHealth, ContactRole

INPUTS = (ContactRecord, FollowUp, Milestone, Contact, ContactRole, PhasePlan)
CHUNK = 500


@event.listens_for(Session, "after_flush")
def _forget_changed(session: Session, _context: Any) -> None:
    # After the flush new rows have their ids, and new/dirty/deleted still list what it wrote.
    cards: set[int] = set()
    teams: set[str] = set()
    for row in chain(session.new, session.dirty, session.deleted):
        if isinstance(row, Customer):
            if row.id is not None:
                cards.add(row.id)
        elif isinstance(row, INPUTS):
            cards.add(row.customer_id)
        elif isinstance(row, WorkspaceSetting) and row.key == STALE_KEY:
            teams.add(row.team_id)
    if not cards and not teams:
        return
    connection = session.connection()
    if teams:
        connection.execute(delete(CardHealth).where(col(CardHealth.team_id).in_(sorted(teams))))
    ids = sorted(cards)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        connection.execute(delete(CardHealth).where(col(CardHealth.customer_id).in_(chunk)))
