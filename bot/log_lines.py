"""Log lines: plain text for a terminal, JSON lines for a log pipeline (RAPPORT_LOG_FORMAT=json),
each carrying the id of the Slack request it belongs to.

The entry gives every request it admits an id (`REQUEST_ID`, a context variable); the
listener work Bolt runs after the ack inherits it, so the ack's line and the lines of the
reply that follows share one `request_id`."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def configure_logging(level: str, *, shape: str = "text", quiet: bool = False) -> None:
    logging.basicConfig(
        level=logging.WARNING if quiet else getattr(logging, level),
        handlers=[log_handler(shape, sys.stderr)],
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)


def log_handler(shape: str, stream: TextIO) -> logging.Handler:
    """Lines to `stream`, as text or as JSON objects (`time`, `level`, `logger`, `message`,
    `request_id`, and the traceback as `exc_info` when there is one)."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    if shape == "json":
        handler.setFormatter(
            JsonFormatter(
                ["asctime", "levelname", "name", "message", "request_id"],
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                datefmt="%Y-%m-%dT%H:%M:%S%z",
            )
        )
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    return handler
