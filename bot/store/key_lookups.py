"""The match keys' look-up statements (bot/store/customers.py `match_keys`), made once per
number of kinds (with or without the person's own cards only), or per number of keys for the
look-up limited for each key, and run with each check's values: making them cost more than
SQLite's running them (issue 17)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import CompoundSelect, Integer, and_, bindparam, or_, union_all
from sqlmodel import col, select
from sqlmodel.sql.expression import Select

from bot.store.models import Customer, CustomerKey
from bot.store.one_of import listed_in


def keys_values(keys: Sequence[tuple[str, str]]) -> tuple[int, dict[str, object]]:
    """`keys` as `keys_statement`'s values: how many kinds, and each kind's keys."""
    by_kind: dict[str, set[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, set()).add(key)
    values: dict[str, object] = {}
    for number, (kind, wanted) in enumerate(sorted(by_kind.items())):
        values |= {f"kind{number}": kind, f"keys{number}": sorted(wanted)}
    return len(by_kind), values


@lru_cache(maxsize=16)
def keys_statement(kinds: int, theirs: bool) -> Select[int, str, str]:
    wanted = or_(
        *(
            and_(
                col(CustomerKey.kind) == bindparam(f"kind{number}"),
                listed_in(col(CustomerKey.key), f"keys{number}"),
            )
            for number in range(kinds)
        )
    )
    query = select(col(CustomerKey.customer_id), col(CustomerKey.kind), col(CustomerKey.key))
    query = query.where(col(CustomerKey.team_id) == bindparam("team"), wanted)
    if theirs:  # a key keeps no manager: its card says whose it is
        query = query.join(Customer, col(Customer.id) == col(CustomerKey.customer_id)).where(
            col(Customer.manager_id) == bindparam("manager")
        )
    return query.limit(bindparam("limit", type_=Integer))


@lru_cache(maxsize=32)
def each_key_statement(keys: int) -> CompoundSelect:
    """`keys_statement`'s look-up with a LIMIT for each key, not one for all: the create
    modal's shared keys (a sound, pinyin, initials, a slip), where a sound a hundred cards
    share would otherwise use up the limit before the slip, or the sound with the industry,
    that only the card meant has. Made once per number of keys (a name has up to about
    fifteen); its values are `each_key_values`'."""
    parts = (
        select(col(CustomerKey.customer_id), col(CustomerKey.kind), col(CustomerKey.key))
        .where(
            col(CustomerKey.team_id) == bindparam("team"),
            col(CustomerKey.kind) == bindparam(f"kind{number}"),
            col(CustomerKey.key) == bindparam(f"key{number}"),
        )
        .limit(bindparam("limit", type_=Integer))
        .subquery(f"key{number}")
        for number in range(keys)
    )
    return union_all(*(select(*part.c) for part in parts))


def each_key_values(keys: Sequence[tuple[str, str]]) -> tuple[int, dict[str, object]]:
    """`keys` as `each_key_statement`'s values: how many keys, and each one's kind and key."""
    wanted = sorted(set(keys))
    values: dict[str, object] = {}
    for number, (kind, key) in enumerate(wanted):
        values |= {f"kind{number}": kind, f"key{number}": key}
    return len(wanted), values
