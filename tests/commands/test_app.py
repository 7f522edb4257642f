"""The Bolt app as Rapport builds it: its name, and the loggers Bolt sets up from it."""

from __future__ import annotations

import logging

from bot.commands.app import BOLT_LOGGER
from bot.console.harness import Harness
from bot.console.workspace import Workspace


async def test_bolt_s_listener_logger_is_its_own_and_rapport_s_loggers_stay_as_set(
    harness: Harness, workspace: Workspace
) -> None:
    """Bolt sets up the logger named after the app at every request, copying its level and
    filters from Bolt's own: it must not be one of Rapport's, whose level an operator sets."""
    assert harness.service is not None
    rapport = logging.getLogger("rapport")
    level = rapport.level
    rapport.setLevel(logging.DEBUG)
    try:
        answer = await workspace.command("/customer help", user="U_ALICE")

        assert answer.status == 200
        assert rapport.level == logging.DEBUG
        assert rapport.filters == []
    finally:
        rapport.setLevel(level)
    assert harness.service.bolt.name.startswith(f"{BOLT_LOGGER}.")
