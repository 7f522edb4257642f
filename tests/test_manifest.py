"""manifest.yml creates the app in one step: valid for Slack, and everything it declares
has a listener in Rapport."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.console.workspace import Workspace
from bot.settings import BOT_SCOPES

ROOT = Path(__file__).parent.parent
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
SCHEMA = json.loads((Path(__file__).parent / "data/slack_manifest.schema.json").read_text())

# Web API methods → the bot scope each needs (https://api.slack.com/methods).
SCOPE_OF_METHOD = {
    "users_info": "users:read",
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "chat_getPermalink": None,
    "conversations_join": "channels:join",
    "users_conversations": ("channels:read", "groups:read"),
    "conversations_info": ("channels:read", "groups:read"),
    "conversations_open": "im:write",
    "conversations_create": ("channels:manage", "groups:write"),  # a project's channel
    "conversations_invite": ("channels:manage", "groups:write"),
    "conversations_history": ("channels:history", "groups:history", "im:history"),
    "files_upload_v2": "files:write",
    "views_open": None,
    "views_update": None,
    "views_push": None,
    "views_publish": None,
    "auth_test": None,
}


def test_the_manifest_is_valid_against_slacks_schema() -> None:
    jsonschema.validate(MANIFEST, SCHEMA)


def test_the_bot_scopes_are_exactly_those_the_code_uses() -> None:
    used = set()
    for source in (ROOT / "bot").rglob("*.py"):
        for method in re.findall(r"client\.([a-z]+_[A-Za-z0-9_]+)\(", source.read_text()):
            assert method in SCOPE_OF_METHOD, f"{source.name} calls {method}: add its scope"
            scopes = SCOPE_OF_METHOD[method]
            used.update(scopes if isinstance(scopes, tuple) else (scopes,))
    used.discard(None)
    used.add("commands")  # slash commands and shortcuts
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == used


def test_a_workspace_installing_through_oauth_is_asked_for_the_manifests_scopes() -> None:
    assert set(BOT_SCOPES) == set(MANIFEST["oauth_config"]["scopes"]["bot"])


def test_the_oauth_redirect_url_is_rapports_and_grid_organizations_may_install() -> None:
    assert all(
        url.endswith("/slack/oauth_redirect") for url in MANIFEST["oauth_config"]["redirect_urls"]
    )
    assert MANIFEST["settings"]["org_deploy_enabled"] is True


def test_every_request_url_points_at_the_one_events_path() -> None:
    urls = [c["url"] for c in MANIFEST["features"]["slash_commands"]]
    urls += [
        MANIFEST["settings"]["interactivity"]["request_url"],
        MANIFEST["settings"]["event_subscriptions"]["request_url"],
    ]
    assert all(url.endswith("/slack/events") for url in urls)


@pytest.mark.parametrize("command", [c["command"] for c in MANIFEST["features"]["slash_commands"]])
async def test_every_declared_command_has_a_listener(workspace: Workspace, command: str) -> None:
    answer = await workspace.command(f"{command} help", user="U_ALICE")
    assert answer.status == 200  # Bolt answers 404 to a request no listener takes


@pytest.mark.parametrize("shortcut", MANIFEST["features"]["shortcuts"], ids=lambda s: s["name"])
async def test_every_declared_shortcut_has_a_listener(workspace: Workspace, shortcut: dict) -> None:
    answer = await workspace.interact(
        {
            "type": "message_action" if shortcut["type"] == "message" else "shortcut",
            "callback_id": shortcut["callback_id"],
            "trigger_id": workspace.slack.new_trigger_id(),
            "team": {"id": "T_LOCAL"},
            "user": {"id": "U_ALICE"},
            "channel": {"id": "C1"},
            "message": {"ts": "1.0", "text": "hello", "user": "U_WANG"},
            "response_url": workspace.slack.response_url("C1", "U_ALICE"),
        }
    )
    assert answer.status == 200


@pytest.mark.parametrize("function", sorted(MANIFEST["functions"]))
async def test_every_declared_workflow_step_has_a_listener(
    workspace: Workspace, function: str
) -> None:
    answer = await workspace.event(
        {
            "type": "function_executed",
            "function": {"id": "Fn1", "callback_id": function, "title": function},
            "inputs": {"user_id": "U_ALICE"},
            "function_execution_id": "Fx1",
            "workflow_execution_id": "Wx1",
            "event_ts": "1.0",
        }
    )
    assert answer.status == 200  # Bolt answers 404 to an event no listener takes


@pytest.mark.parametrize("event", MANIFEST["settings"]["event_subscriptions"]["bot_events"])
async def test_every_subscribed_event_has_a_listener(workspace: Workspace, event: str) -> None:
    payloads = {
        "app_home_opened": {"type": "app_home_opened", "user": "U_ALICE", "tab": "home"},
        "user_change": {"type": "user_change", "user": workspace.slack.users["U_ALICE"]},
        "channel_shared": {"type": "channel_shared", "channel": "C1", "connected_team_id": "T2"},
        "channel_unshared": {
            "type": "channel_unshared",
            "channel": "C1",
            "previously_connected_team_id": "T2",
            "is_ext_shared": False,
        },
        "function_executed": {
            "type": "function_executed",
            "function": {"id": "Fn1", "callback_id": "new_customer_step", "title": "New customer"},
            "inputs": {"legal_name": "惠普中国有限公司", "user_id": "U_ALICE"},
            "function_execution_id": "Fx1",
            "workflow_execution_id": "Wx1",
            "event_ts": "1.0",
            "bot_access_token": "xwfp-local",
        },
        "app_uninstalled": {"type": "app_uninstalled"},
        "tokens_revoked": {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": []}},
    }
    answer = await workspace.event(payloads[event])
    assert answer.status == 200


async def test_a_shortcut_nobody_listens_to_is_refused(workspace: Workspace) -> None:
    """The listener tests above could not pass without listeners: Bolt answers 404."""
    answer = await workspace.interact(
        {
            "type": "shortcut",
            "callback_id": "not_declared",
            "trigger_id": "trigger.0",
            "team": {"id": "T_LOCAL"},
            "user": {"id": "U_ALICE"},
        }
    )
    assert answer.status == 404
