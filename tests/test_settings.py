"""Settings come from the environment; a bad one is named with what is expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings, shown_database

SLACK = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def test_defaults_need_only_the_slack_credentials(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(SLACK, require_slack=True)

    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.port == 3000
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path}/rapport.db"
    assert str(settings.default_tz) == "UTC"
    assert settings.socket_mode is False


@pytest.mark.parametrize(("given", "used"), [(None, "CN"), ("us", "US"), (" gb ", "GB")])
def test_phone_numbers_are_read_in_the_region_set_cn_unless_told(
    given: str | None, used: str
) -> None:
    env = SLACK if given is None else {**SLACK, "RAPPORT_PHONE_REGION": given}
    assert load_settings(env, require_slack=True).phone_region == used


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = load_settings(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, require_slack=True
    )
    assert settings.socket_mode is True


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({**SLACK, "SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
        ({**SLACK, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
        ({**SLACK, "PORT": "eighty"}, "PORT"),
        ({**SLACK, "PORT": "70000"}, "PORT"),
        ({**SLACK, "SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
        ({**SLACK, "DATABASE_URL": "mysql://db/rapport"}, "DATABASE_URL"),
        ({**SLACK, "RAPPORT_DEFAULT_TZ": "Mars/Olympus"}, "RAPPORT_DEFAULT_TZ"),
        ({**SLACK, "RAPPORT_LOG_LEVEL": "LOUD"}, "RAPPORT_LOG_LEVEL"),
        ({**SLACK, "RAPPORT_WORKERS": "0"}, "RAPPORT_WORKERS"),
        ({**SLACK, "RAPPORT_QUEUE": "many"}, "RAPPORT_QUEUE"),
        # found by fuzzing (./dev fuzz settings), and the zone found in the console's `as`
        ({**SLACK, "SLACK_API_URL": "https://[slack.com/api/"}, "SLACK_API_URL"),
        ({**SLACK, "RAPPORT_DEFAULT_TZ": "Asia"}, "RAPPORT_DEFAULT_TZ"),
        ({**SLACK, "PORT": "❶"}, "PORT"),
        ({**SLACK, "RAPPORT_PHONE_REGION": "XX"}, "RAPPORT_PHONE_REGION"),
        ({**SLACK, "RAPPORT_PHONE_REGION": "China"}, "RAPPORT_PHONE_REGION"),
    ],
)
def test_a_missing_or_malformed_setting_is_named(env: dict, variable: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(env, require_slack=True)
    assert raised.value.variable == variable
    assert str(raised.value).startswith(f"{variable}: expected ")


def test_a_database_password_is_never_echoed() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({**SLACK, "DATABASE_URL": "mysql://bob:hunter2@db/x"}, require_slack=True)
    assert "hunter2" not in str(raised.value)


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("sqlite:///data/r.db", "sqlite+aiosqlite:///data/r.db"),
        ("postgresql://u:p@h:5432/d", "postgresql+asyncpg://u:p@h:5432/d"),
        ("postgres://u@h/d?sslmode=require", "postgresql+asyncpg://u@h/d?ssl=require"),
        ("postgresql+asyncpg://u@h/d", "postgresql+asyncpg://u@h/d"),
    ],
)
def test_database_urls_map_to_the_async_drivers(given: str, used: str) -> None:
    assert load_settings({"DATABASE_URL": given}, require_slack=False).database_url == used


def test_the_slack_api_url_gets_its_trailing_slash() -> None:
    settings = load_settings({"SLACK_API_URL": "https://slack-gov.com/api"}, require_slack=False)
    assert settings.slack_api_url == "https://slack-gov.com/api/"


def test_the_work_queue_has_a_sensible_size_unless_told() -> None:
    default = load_settings({}, require_slack=False)
    told = load_settings({"RAPPORT_WORKERS": "2", "RAPPORT_QUEUE": "0"}, require_slack=False)

    assert (default.workers, default.queue) == (8, 64)
    assert (told.workers, told.queue) == (2, 0)


def test_the_log_level_is_one_of_the_documented_ones() -> None:
    assert load_settings({}, require_slack=False).log_level == "INFO"
    assert load_settings({"RAPPORT_LOG_LEVEL": "debug"}, require_slack=False).log_level == "DEBUG"


def test_the_database_is_shown_as_its_file_or_without_its_password(tmp_path: Path) -> None:
    assert shown_database(f"sqlite+aiosqlite:///{tmp_path}/rapport.db") == f"{tmp_path}/rapport.db"
    shown = shown_database("postgresql+asyncpg://rapport:hunter2@db:5432/rapport")
    assert "hunter2" not in shown and "db:5432/rapport" in shown


OAUTH = {
    "SLACK_CLIENT_ID": "1234567890.0987654321",
    "SLACK_CLIENT_SECRET": "c1ient",
    "SLACK_SIGNING_SECRET": "s3cret",
}


def test_many_workspaces_need_the_client_id_and_secret_and_no_bot_token() -> None:
    settings = load_settings(
        {**OAUTH, "SLACK_REDIRECT_URI": "https://rapport.example.com/slack/oauth_redirect"},
        require_slack=True,
    )

    assert settings.oauth is True and settings.slack_bot_token is None
    assert "chat:write" in settings.slack_scopes
    assert settings.slack_redirect_uri == "https://rapport.example.com/slack/oauth_redirect"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_CLIENT_ID": "1234567890.0987654321"}, "SLACK_CLIENT_SECRET"),
        ({"SLACK_CLIENT_SECRET": "c1ient"}, "SLACK_CLIENT_ID"),
        ({**OAUTH, "SLACK_CLIENT_ID": "my-app"}, "SLACK_CLIENT_ID"),
        ({**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_BOT_TOKEN"),
        ({**OAUTH, "SLACK_SCOPES": "chat:write;commands"}, "SLACK_SCOPES"),
        ({**OAUTH, "SLACK_REDIRECT_URI": "rapport.example.com"}, "SLACK_REDIRECT_URI"),
        ({**SLACK, "RAPPORT_LOG_FORMAT": "yaml"}, "RAPPORT_LOG_FORMAT"),
    ],
)
def test_a_malformed_install_or_log_setting_is_named(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(env, require_slack=True)
    assert raised.value.variable == variable
