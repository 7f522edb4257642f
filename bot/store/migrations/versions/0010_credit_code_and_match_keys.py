"""credit code on cards; match keys and search terms recomputed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

The keys and terms of every card are recomputed with the app's own functions, as saving the
card would: the key kinds changed (brand, pinyin, initials and sound keys with their industry,
typo keys) and term weights now say what a term is (short name, name, prefix, pinyin …).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "credit_code",
                sqlmodel.sql.sqltypes.AutoString(length=18),
                nullable=False,
                server_default="",
            )
        )
    rebuild_keys(op.get_bind())


def rebuild_keys(connection: sa.Connection) -> None:
    from bot.customers.fields import Phone
    from bot.customers.keys import CardFacts, card_keys, card_terms

    customers = sa.table(
        "customer",
        *(sa.column(c) for c in ("id", "team_id", "legal_name", "handle", "website", "email")),
        sa.column("phone_e164"),
        sa.column("credit_code"),
    )
    contacts = sa.table(
        "contact",
        *(sa.column(c) for c in ("customer_id", "name", "email", "archived_at")),
        *(sa.column(c) for c in ("office_phone_e164", "home_phone_e164", "mobile_e164")),
    )
    keys = sa.table(
        "customer_key", *(sa.column(c) for c in ("team_id", "customer_id", "kind", "key"))
    )
    terms = sa.table(
        "customer_term", *(sa.column(c) for c in ("team_id", "customer_id", "term", "weight"))
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(customers).where(customers.c.id > last).order_by(customers.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        ids = [row.id for row in rows]
        people: dict[int, list] = {}
        for person in connection.execute(
            sa.select(contacts).where(
                contacts.c.customer_id.in_(ids), contacts.c.archived_at.is_(None)
            )
        ):
            people.setdefault(person.customer_id, []).append(person)
        connection.execute(keys.delete().where(keys.c.customer_id.in_(ids)))
        connection.execute(terms.delete().where(terms.c.customer_id.in_(ids)))
        values, words = [], []
        for row in rows:
            mine = people.get(row.id, [])
            phones = [row.phone_e164] + [
                p for c in mine for p in (c.office_phone_e164, c.home_phone_e164, c.mobile_e164)
            ]
            facts = CardFacts(
                legal_name=row.legal_name,
                handle=row.handle,
                website=row.website,
                email=row.email,
                phones=tuple(dict.fromkeys(p for p in phones if p)),
                contact_names=tuple(c.name for c in mine),
                contact_emails=tuple(c.email for c in mine if c.email),
                credit_code=row.credit_code,
            )
            values += [
                {"team_id": row.team_id, "customer_id": row.id, "kind": kind, "key": key[:200]}
                for kind, key in card_keys(facts)
            ]
            digits = [d for p in facts.phones for d in Phone(p, "").search_digits()]
            words += [
                {"team_id": row.team_id, "customer_id": row.id, "term": term, "weight": weight}
                for term, weight in card_terms(facts, digits).items()
            ]
        if values:
            connection.execute(keys.insert(), values)
        if words:
            connection.execute(terms.insert(), words)
        last = ids[-1]


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("credit_code")
