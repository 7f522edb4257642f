"""A replica started with `--no-migrate` beside a separate migration step: alive at once
(/livez), ready (/healthz, /readyz) only once the schema is current, without a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.real_clock


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def _wait_for(url: str, status: int, seconds: float = 60) -> int | None:
    deadline = time.monotonic() + seconds
    seen = None
    while time.monotonic() < deadline:
        seen = _status(url)
        if seen == status:
            break
        time.sleep(0.2)
    return seen


def test_a_replica_is_alive_but_not_ready_until_the_schema_is_migrated(tmp_path: Path) -> None:
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env = {
        **clean,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": f"http://127.0.0.1:{free_port()}/api/",  # nobody there
        "DATABASE_URL": f"sqlite:///{tmp_path}/rapport.db",
        "PORT": str(port),
    }
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--no-migrate"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait_for(base + "/livez", 200) == 200
        assert _status(base + "/healthz") == 503
        assert _status(base + "/readyz") == 503

        migrate = subprocess.run(
            [sys.executable, "-m", "bot", "migrate"], env=env, cwd=tmp_path, capture_output=True
        )
        assert migrate.returncode == 0

        assert _wait_for(base + "/healthz", 200) == 200
        assert _status(base + "/readyz") == 200
    finally:
        server.send_signal(signal.SIGTERM)
        stderr = server.communicate(timeout=60)[1]
    assert server.returncode == 0
    assert "Traceback" not in stderr
