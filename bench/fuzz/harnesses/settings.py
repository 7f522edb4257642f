"""The environment an operator writes, one variable a line: every setting is read, or one
is named as missing or malformed (SettingsError, which the CLI turns into exit code 2)."""

from __future__ import annotations

from bench.fuzz.inputs import fields_of
from bot.settings import SettingsError, load_settings

VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PORT",
    "RAPPORT_DEFAULT_TZ",
    "RAPPORT_PHONE_REGION",
    "RAPPORT_ADMINS",
    "RAPPORT_LOG_LEVEL",
)


def fuzz_settings(data: bytes) -> None:
    env = {name: value for name, value in fields_of(data, VARIABLES).items() if value}
    for require_slack in (True, False):
        try:
            load_settings(env, require_slack=require_slack)
        except SettingsError:
            pass
