"""Upgrading a database made before search terms kept their card's manager: every term is
given its card's manager, and a card handed over afterwards moves its terms with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.store.migrate import upgrade

CARD = (
    "INSERT INTO customer (id, team_id, handle, handle_key, legal_name, address, province,"
    " city, county, phone_e164, phone_ext, email, website, notes, status, level,"
    " manager_id, security_level, phase, created_by, created_at, updated_by, updated_at,"
    " version, value_tier, value_factors) VALUES (?, 'T1', ?, ?, ?, '', '', '', '', '', '',"
    " '', '', '', 'basic', 1, ?, 0, 'pre_contract', 'U1', '2026-11-22 09:00:00', 'U1',"
    " '2026-11-22 09:00:00', 1, '', '{}')"
)


def managers_of_terms(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT term, manager_id FROM customer_term"))


def test_the_upgrade_gives_each_term_its_cards_manager_and_a_handover_moves_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0028")
    with sqlite3.connect(path) as connection:
        connection.execute(CARD, (1, "Jinke", "jinke", "上海金科电子有限公司", "U_LI"))
        connection.execute(CARD, (2, "Acme", "acme", "Acme Corporation", "U_WANG"))
        connection.executemany(
            "INSERT INTO customer_term (team_id, customer_id, term, weight)"
            " VALUES ('T1', ?, ?, 50)",
            [(1, "jinke"), (1, "金科"), (2, "acme")],
        )

    upgrade(f"sqlite+aiosqlite:///{path}")

    assert managers_of_terms(path) == {"jinke": "U_LI", "金科": "U_LI", "acme": "U_WANG"}
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE customer SET manager_id = 'U_ZHAO' WHERE id = 1")
        connection.execute("UPDATE customer SET notes = 'met in Shanghai' WHERE id = 2")
    assert managers_of_terms(path) == {"jinke": "U_ZHAO", "金科": "U_ZHAO", "acme": "U_WANG"}
