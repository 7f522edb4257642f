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
DEFAULT_PHONE_REGION = "CN"  # the seed's numbers: mainland China
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
# The bot scopes Rapport asks for when a workspace installs it (SLACK_SCOPES' default): the
# manifest's, which tests/test_manifest.py keeps equal to what the code calls.
BOT_SCOPES = (
    "commands",
    "chat:write",
    "channels:join",
    "channels:read",
    "files:write",
    "groups:read",
    "im:write",
    "users:read",
    "channels:history",
    "groups:history",
    "im:history",
    "channels:manage",  # a project's channel: conversations.create, conversations.invite
    "groups:write",
)


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
    phone_region: str = DEFAULT_PHONE_REGION
    admins: frozenset[str] = frozenset()  # RAPPORT_ADMINS: Slack user ids
    log_level: str = "INFO"  # RAPPORT_LOG_LEVEL, one of LOG_LEVELS
    log_format: str = "text"  # RAPPORT_LOG_FORMAT, one of LOG_FORMATS
    # Installing into many workspaces (Slack's OAuth): all four, or none of them
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_scopes: tuple[str, ...] = BOT_SCOPES
    slack_redirect_uri: str | None = None
    # The one work queue (bot/workqueue.py): requests worked on at once, and waiting beyond
    workers: int = 8  # RAPPORT_WORKERS
    queue: int = 64  # RAPPORT_QUEUE
    # Seconds after a form reached us within which its save must answer it (Slack waits
    # three): past it the form is answered "still saving" (bot/commands/forms.py). Not read
    # from the environment; a test that is not about this deadline gives itself room.
    form_deadline: float = 2.0
    # Seconds after a command reached us within which a read (find, show) done in time is
    # answered in the ack itself, with no response_url round trip (bot/commands/ack_answers.py).
    # Not read from the environment.
    ack_answer_budget: float = 0.5

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    @property
    def oauth(self) -> bool:
        """Many workspaces, each installing Rapport (tokens in the database), rather than one
        workspace's SLACK_BOT_TOKEN."""
        return self.slack_client_id is not None


def load_settings(
    env: Mapping[str, str], *, require_slack: bool, require_token: bool = False
) -> Settings:
    """Read and check every setting. `require_slack`: serving Slack (token and, over HTTP,
    the signing secret); `require_token`: only posting (`rapport jobs run`)."""
    app_token = _optional(env, "SLACK_APP_TOKEN")
    bot_token = _optional(env, "SLACK_BOT_TOKEN")
    secret = _optional(env, "SLACK_SIGNING_SECRET")
    client_id, client_secret = _client_credentials(env, bot_token)
    if (require_slack or require_token) and client_id is None:
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
        phone_region=parse_phone_region(env.get("RAPPORT_PHONE_REGION") or DEFAULT_PHONE_REGION),
        admins=parse_admins(env.get("RAPPORT_ADMINS") or ""),
        log_level=parse_log_level(env.get("RAPPORT_LOG_LEVEL") or "INFO"),
        log_format=parse_log_format(env.get("RAPPORT_LOG_FORMAT") or "text"),
        slack_client_id=client_id,
        slack_client_secret=client_secret,
        slack_scopes=parse_scopes(env.get("SLACK_SCOPES") or ",".join(BOT_SCOPES)),
        slack_redirect_uri=parse_redirect_uri(env.get("SLACK_REDIRECT_URI")),
        workers=parse_count(env.get("RAPPORT_WORKERS") or "8", "RAPPORT_WORKERS", least=1),
        queue=parse_count(env.get("RAPPORT_QUEUE") or "64", "RAPPORT_QUEUE", least=0),
    )


def _client_credentials(
    env: Mapping[str, str], bot_token: str | None
) -> tuple[str | None, str | None]:
    """SLACK_CLIENT_ID and SLACK_CLIENT_SECRET come together, and not with SLACK_BOT_TOKEN:
    Rapport serves either one workspace with its token or many through OAuth."""
    client_id = _optional(env, "SLACK_CLIENT_ID")
    client_secret = _optional(env, "SLACK_CLIENT_SECRET")
    if client_id is None:
        if client_secret is not None:
            raise SettingsError("SLACK_CLIENT_ID", "the app's client id, with SLACK_CLIENT_SECRET")
        return None, None
    if not re.fullmatch(r"[0-9]+\.[0-9]+", client_id):
        raise SettingsError(
            "SLACK_CLIENT_ID", "the app's client id, e.g. 1234567890.1234567890", client_id
        )
    client_secret = _required(client_secret, "SLACK_CLIENT_SECRET", "the app's client secret")
    if bot_token is not None:
        raise SettingsError(
            "SLACK_BOT_TOKEN",
            "unset with SLACK_CLIENT_ID (one workspace by its token, or many through OAuth)",
            _masked(bot_token),
        )
    return client_id, client_secret


def parse_scopes(raw: str) -> tuple[str, ...]:
    scopes = tuple(part.strip() for part in raw.split(",") if part.strip())
    if not scopes or any(not re.fullmatch(r"[a-z]+(:[a-z._]+)*", s) for s in scopes):
        raise SettingsError(
            "SLACK_SCOPES", "bot scopes separated by commas, e.g. commands,chat:write", raw
        )
    return scopes


def parse_redirect_uri(raw: str | None) -> str | None:
    if not raw or not raw.strip():
        return None
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(
            "SLACK_REDIRECT_URI", "https://YOUR-HOST/slack/oauth_redirect, as set in the app", raw
        )
    return raw.strip()


def parse_log_format(raw: str) -> str:
    shape = raw.strip().lower()
    if shape not in LOG_FORMATS:
        raise SettingsError("RAPPORT_LOG_FORMAT", "text or json", raw)
    return shape


def parse_api_url(raw: str) -> str:
    try:
        parts = urlsplit(raw)
    except ValueError:  # `https://[slack.com/api/`: a bracket left open
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError("SLACK_API_URL", "an http(s) URL such as https://slack.com/api/", raw)
    return raw if raw.endswith("/") else raw + "/"


def parse_count(raw: str, variable: str, *, least: int) -> int:
    if not raw.strip().isdecimal() or not least <= int(raw) <= 10_000:
        raise SettingsError(variable, f"a whole number from {least} to 10000", raw)
    return int(raw)


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
    region = raw.strip().upper()
    if region == DEFAULT_PHONE_REGION:
        return region  # known good: the server starts without loading phonenumbers (13 ms)
    import phonenumbers

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
