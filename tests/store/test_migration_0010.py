"""Upgrading a database made before the scoring step: every card gets the new match keys
and search terms, so the duplicate check and find work on old cards as on new ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.store.migrate import upgrade


def test_the_upgrade_recomputes_keys_and_terms_of_existing_cards(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0007")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO customer (id, team_id, handle, handle_key, legal_name, address, province,"
            " city, county, phone_e164, phone_ext, email, website, notes, status, level,"
            " manager_id, security_level, phase, created_by, created_at, updated_by, updated_at,"
            " version, value_tier, value_factors) VALUES (1, 'T1', 'Jinke', 'jinke',"
            " '上海金科电子有限公司', '', '', '', '', '+862163539330', '', '', '', '', 'basic', 1,"
            " 'U1', 0, 'pre_contract', 'U1', '2026-11-22 09:00:00', 'U1', '2026-11-22 09:00:00',"
            " 1, '', '{}')"
        )
        connection.execute(
            "INSERT INTO customer_key (team_id, customer_id, kind, key) VALUES"
            " ('T1', 1, 'hcore', '金科电子')"
        )

    upgrade(f"sqlite+aiosqlite:///{path}")

    with sqlite3.connect(path) as connection:
        keys = set(connection.execute("SELECT kind, key FROM customer_key"))
        terms = dict(connection.execute("SELECT term, weight FROM customer_term"))
        code = connection.execute("SELECT credit_code FROM customer").fetchone()
    assert ("brand", "金科") in keys and ("phone", "+862163539330") in keys
    assert ("hcore", "金科电子") not in keys
    assert terms["金科电子"] == 90 and terms["jinkedianzi"] == 50
    assert code == ("",)
