"""Upgrading a database whose answered surveys never put their card's kept health out of
date: the cards with one are computed again, the others keep theirs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.store.migrate import upgrade
from tests.store.test_migration_0029 import CARD

TRUE_UNTIL = "2026-12-20 09:00:00.000000"
HEALTH = (
    "INSERT INTO card_health (customer_id, team_id, legal_name, manager_id, status, level,"
    " phase, value_tier, security_level, province, city, created_at, score, light, stale,"
    " cadence, overdue, slipping, fresh_until, computed_at) VALUES (?, 'T1', '', 'U_LI',"
    " 'basic', 1, 'pre_contract', '', 0, '', '', '2026-11-22 09:00:00', 80, 'green', 0, '',"
    f" 0, 0, '{TRUE_UNTIL}', '2026-11-22 09:00:00')"
)
SURVEY = (
    "INSERT INTO survey (team_id, customer_id, asked_of, state, overall, created_at,"
    " sent_to_channel, comment, answered_by_user, answered_by_team, recorded_by)"
    " VALUES ('T1', ?, 'U_PM', ?, ?, '2026-11-22 09:00:00', '', '', '', '', '')"
)


def test_the_upgrade_puts_the_health_of_cards_with_an_answered_survey_out_of_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0031")
    with sqlite3.connect(path) as connection:
        for card, name in ((1, "Jinke"), (2, "Acme"), (3, "Contoso")):
            connection.execute(CARD, (card, name, name.lower(), name, "U_LI"))
            connection.execute(HEALTH, (card,))
        connection.execute(SURVEY, (1, "answered", 1))
        connection.execute(SURVEY, (2, "asked", None))

    upgrade(f"sqlite+aiosqlite:///{path}")

    with sqlite3.connect(path) as connection:
        kept = dict(connection.execute("SELECT customer_id, fresh_until FROM card_health"))
    assert kept == {1: "2000-01-01 00:00:00.000000", 2: TRUE_UNTIL, 3: TRUE_UNTIL}
