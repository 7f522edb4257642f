"""App Home shows how to start."""

from __future__ import annotations

from bot.console.harness import Harness
from bot.console.workspace import Workspace


async def test_opening_the_home_tab_publishes_the_welcome_in_the_users_language(
    harness: Harness, workspace: Workspace
) -> None:
    await workspace.event({"type": "app_home_opened", "user": "U_WANG", "tab": "home"})
    await harness.settle()

    published = harness.slack.calls_to("views.publish")[-1].args
    assert published["user_id"] == "U_WANG"
    texts = str(published["view"]["blocks"])
    assert "/customer help" in texts and "联系记录" in texts
    assert len(published["view"]["blocks"]) <= 100


async def test_the_messages_tab_publishes_nothing(harness: Harness, workspace: Workspace) -> None:
    await workspace.event({"type": "app_home_opened", "user": "U_WANG", "tab": "messages"})
    await harness.settle()

    assert harness.slack.calls_to("views.publish") == []
