"""App Home shows how to start; the message shortcut never answers with silence."""

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


async def test_the_log_message_shortcut_says_plainly_that_nothing_was_saved(
    harness: Harness, workspace: Workspace
) -> None:
    await workspace.interact(
        {
            "type": "message_action",
            "callback_id": "log_message",
            "trigger_id": "trigger.9",
            "team": {"id": "T_LOCAL"},
            "user": {"id": "U_ALICE"},
            "channel": {"id": "C1"},
            "message": {"ts": "1.0", "text": "hi"},
            "response_url": harness.slack.response_url("C1", "U_ALICE"),
        }
    )
    await harness.settle()

    reply = harness.slack.postings[-1]
    assert reply.kind == "response" and reply.user == "U_ALICE"
    assert "Nothing was saved" in reply.text
