"""Settings read from the environment, validated once at start-up.

A bad value stops start-up with one line that names the variable and what is
expected; the CLI turns `SettingsError` into that line and exit code 2.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_FILE = "rapport.db"
DEFAULT_PORT = 3000
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(Exception):
    """One environment variable is missing or malformed."""

    def __init__(self, variable: str, expected: str, got: str | None = None) -> None:
        self.variable = variable
        self.expected = expected
        self.got = got
        shown = "it is not set" if got is None else f"got {got!r}"
        super().__init__(f"{variable}: expected {expected}; {shown}")


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str | None
    slack_signing_secret: str | None
    slack_app_token: str | None
    slack_api_url: str
    database_url: str
    port: int
    default_tz: ZoneInfo
    phone_region: str = "CN"
    admins: frozenset[str] = frozenset()  # RAPPORT_ADMINS: Slack user ids
    log_level: str = "INFO"  # RAPPORT_LOG_LEVEL, one of LOG_LEVELS

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None


def load_settings(
    env: Mapping[str, str], *, require_slack: bool, require_token: bool = False
) -> Settings:
    """Read and check every setting. `require_slack`: serving Slack (token and, over HTTP,
    the signing secret); `require_token`: only posting (`rapport jobs run`)."""
    app_token = _optional(env, "SLACK_APP_TOKEN")
    bot_token = _optional(env, "SLACK_BOT_TOKEN")
    secret = _optional(env, "SLACK_SIGNING_SECRET")
    if require_slack or require_token:
        bot_token = _required(bot_token, "SLACK_BOT_TOKEN", "a bot token starting with xoxb-")
    if require_slack and app_token is None:
        secret = _required(secret, "SLACK_SIGNING_SECRET", "the app's signing secret")
    if bot_token is not None and not bot_token.startswith("xoxb-"):
        raise SettingsError(
            "SLACK_BOT_TOKEN", "a bot token starting with xoxb-", _masked(bot_token)
        )
    if app_token is not None and not app_token.startswith("xapp-"):
        raise SettingsError(
            "SLACK_APP_TOKEN", "an app-level token starting with xapp-", _masked(app_token)
        )
    return Settings(
        slack_bot_token=bot_token,
        slack_signing_secret=secret,
        slack_app_token=app_token,
        slack_api_url=parse_api_url(env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL),
        database_url=parse_database_url(env.get("DATABASE_URL") or _default_database_url()),
        port=parse_port(env.get("PORT") or str(DEFAULT_PORT)),
        default_tz=parse_time_zone(env.get("RAPPORT_DEFAULT_TZ") or "UTC"),
        phone_region=parse_phone_region(env.get("RAPPORT_PHONE_REGION") or "CN"),
        admins=parse_admins(env.get("RAPPORT_ADMINS") or ""),
        log_level=parse_log_level(env.get("RAPPORT_LOG_LEVEL") or "INFO"),
    )


def parse_api_url(raw: str) -> str:
    try:
        parts = urlsplit(raw)
    except ValueError:  # `https://[slack.com/api/`: a bracket left open
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError("SLACK_API_URL", "an http(s) URL such as https://slack.com/api/", raw)
    return raw if raw.endswith("/") else raw + "/"


def parse_port(raw: str) -> int:
    if not raw.isdecimal() or not 1 <= int(raw) <= 65535:
        raise SettingsError("PORT", "a TCP port number from 1 to 65535", raw)
    return int(raw)


def parse_admins(raw: str) -> frozenset[str]:
    ids = frozenset(part.strip() for part in raw.replace(" ", ",").split(",") if part.strip())
    bad = [i for i in ids if not re.fullmatch(r"[UW][A-Z0-9_]{2,}", i)]
    if bad:
        raise SettingsError(
            "RAPPORT_ADMINS", "Slack user ids separated by commas, e.g. U0123ABCD,U0456EFGH", raw
        )
    return ids


def parse_log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise SettingsError("RAPPORT_LOG_LEVEL", ", ".join(LOG_LEVELS[:-1]) + " or ERROR", raw)
    return level


def database_file(database_url: str) -> Path | None:
    """The SQLite file a database URL names (absolute), or None for a server database."""
    if (match := _SQLITE.match(database_url)) and match["path"] != ":memory:":
        return Path(match["path"]).resolve()
    return None


def shown_database(database_url: str) -> str:
    """The database as an operator recognises it: a file path, or the URL without password."""
    found = database_file(database_url)
    return str(found) if found is not None else _without_password(database_url)


def parse_phone_region(raw: str) -> str:
    import phonenumbers

    region = raw.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise SettingsError(
            "RAPPORT_PHONE_REGION", "a two-letter country code such as CN or US", raw
        )
    return region


def parse_time_zone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # `Asia`: a folder of zones, no zone
        raise SettingsError(
            "RAPPORT_DEFAULT_TZ", "an IANA time zone such as Asia/Shanghai or UTC", raw
        ) from None


_SQLITE = re.compile(r"^sqlite(\+aiosqlite)?:///(?P<path>.+)$")
_POSTGRES = re.compile(r"^(postgres|postgresql)(\+asyncpg)?://(?P<rest>.+)$")


def parse_database_url(raw: str) -> str:
    """Map the URL people write to the async driver SQLAlchemy needs."""
    if match := _SQLITE.match(raw):
        return f"sqlite+aiosqlite:///{match['path']}"
    if match := _POSTGRES.match(raw):
        rest = match["rest"].replace("sslmode=", "ssl=")  # asyncpg's name for libpq's option
        return f"postgresql+asyncpg://{rest}"
    raise SettingsError(
        "DATABASE_URL",
        "sqlite:///PATH/rapport.db or postgresql://USER:PASSWORD@HOST:PORT/DATABASE",
        _without_password(raw),
    )


def _default_database_url() -> str:
    return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


def _optional(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _required(value: str | None, name: str, expected: str) -> str:
    if value is None:
        raise SettingsError(name, expected)
    return value


def _masked(secret: str) -> str:
    return secret[:5] + "…" if len(secret) > 5 else "…"


def _without_password(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
