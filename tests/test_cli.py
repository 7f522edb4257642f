"""The `rapport` command as an operator meets it: one-line errors, exit codes."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from bot.commands.server import build_service
from bot.settings import Settings
from bot.store.db import Database


def run(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL", "PORT"))
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a speed test
    )


def test_serve_without_a_bot_token_stops_with_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("serve", env={}, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: SLACK_BOT_TOKEN: expected a bot token starting with xoxb-; it is not set"
    ]
    assert "Traceback" not in result.stderr


def test_a_malformed_port_names_the_variable(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "http"}
    result = run("serve", env=env, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.startswith("rapport: PORT: expected a TCP port number")


def test_migrate_creates_the_sqlite_file_in_the_working_directory(tmp_path: Path) -> None:
    result = run("migrate", env={}, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rapport.db").exists()
    assert run("migrate", env={}, cwd=tmp_path).returncode == 0  # twice is harmless


def test_an_unreachable_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    env = {"DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"}
    result = run("migrate", env=env, cwd=tmp_path)

    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("rapport: cannot open or upgrade the database")


def test_team_supervisors_and_clearances_from_the_command_line(tmp_path: Path) -> None:
    first = run("team", "--team", "T1", "supervisor", "U_WANG", "U_LEAD", env={}, cwd=tmp_path)
    second = run("team", "--team", "T1", "clearance", "U_LEAD", "3", env={}, cwd=tmp_path)
    cycle = run("team", "--team", "T1", "supervisor", "U_LEAD", "U_WANG", env={}, cwd=tmp_path)

    assert first.returncode == 0 and "U_WANG\tsupervisor=U_LEAD\tclearance=0" in first.stdout
    assert "U_LEAD\tsupervisor=-\tclearance=3" in second.stdout
    assert cycle.returncode == 1 and "own supervisor" in cycle.stdout


def test_a_log_level_nobody_knows_stops_start_up(tmp_path: Path) -> None:
    result = run("migrate", env={"RAPPORT_LOG_LEVEL": "LOUD"}, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "rapport: RAPPORT_LOG_LEVEL: expected DEBUG, INFO, WARNING or ERROR; got 'LOUD'"
    )


def test_migrate_names_the_database_it_upgraded(tmp_path: Path) -> None:
    result = run("migrate", env={}, cwd=tmp_path)

    assert f"({tmp_path / 'rapport.db'})" in result.stdout


def test_team_show_of_an_empty_workspace_says_so_and_fails(tmp_path: Path) -> None:
    result = run("team", "--team", "T_NOBODY", "show", env={}, cwd=tmp_path)

    assert result.returncode == 1
    assert "workspace T_NOBODY has no supervisors or clearances yet" in result.stderr


def test_serving_with_the_token_in_the_environment_does_not_warn_about_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    serving = replace(settings, slack_bot_token="xoxb-1", slack_signing_secret="s")

    with caplog.at_level(logging.WARNING):
        build_service(serving, Database(serving.database_url), run_sweeps=False)

    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]


def test_the_package_declares_its_license_as_an_spdx_expression() -> None:
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())

    assert project["project"]["license"] == "LicenseRef-Proprietary"
    assert "setuptools>=77" in project["build-system"]["requires"]  # the first to read it


def test_a_log_format_nobody_knows_stops_start_up_with_one_line(tmp_path: Path) -> None:
    result = run("migrate", env={"RAPPORT_LOG_FORMAT": "xml"}, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: RAPPORT_LOG_FORMAT: expected text or json; got 'xml'"
    ]


def test_serving_many_workspaces_needs_the_client_secret_too(tmp_path: Path) -> None:
    env = {"SLACK_CLIENT_ID": "1234567890.0987654321", "SLACK_SIGNING_SECRET": "s"}
    result = run("serve", env=env, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: SLACK_CLIENT_SECRET: expected the app's client secret; it is not set"
    ]
