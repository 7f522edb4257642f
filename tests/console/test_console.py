"""`rapport console`: Rapport in the terminal, no workspace needed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path


def console(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the console in its own process, starting at the test's (pinned) moment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    now = ("--now", datetime.now(UTC).isoformat())
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", *now, *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a speed test: CI machines can be slow
    )
    assert "Slack would refuse" not in result.stdout, result.stdout  # every console story
    return result


def test_one_command_prints_the_help_and_exits(tmp_path: Path) -> None:
    result = console("-c", "/customer help", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Customer cards — /customer" in result.stdout
    assert "/customer help" in result.stdout
    assert "only you can see this" in result.stdout
    assert (tmp_path / "rapport.db").exists()  # the embedded default: SQLite in the cwd


def test_the_console_speaks_chinese_when_asked(tmp_path: Path) -> None:
    result = console("-c", "/log help", "--lang", "zh", cwd=tmp_path)

    assert "联系记录" in result.stdout


def test_the_interactive_console_runs_lines_until_quit(tmp_path: Path) -> None:
    result = console(cwd=tmp_path, stdin="/customer nonsense\n/log help\nquit\n")

    assert result.returncode == 0, result.stderr
    assert "I don't know `nonsense`" in result.stdout
    assert "Contact records — /log" in result.stdout


def test_text_that_is_not_a_command_gets_a_hint(tmp_path: Path) -> None:
    result = console("-c", "hello", cwd=tmp_path)

    assert result.returncode == 1
    assert "Type a slash command" in result.stdout


def test_the_console_says_which_database_it_opened(tmp_path: Path) -> None:
    first = console(cwd=tmp_path, stdin="quit\n")
    again = console(cwd=tmp_path, stdin="quit\n")
    one_command = console("-c", "/customer help", cwd=tmp_path)

    database = tmp_path / "rapport.db"
    assert f"Database: {database} — new and empty." in first.stdout
    assert f"Database: {database}\n" in again.stdout and "new and empty" not in again.stdout
    assert f"Database: {database}" in one_command.stderr  # the reply alone on stdout


def test_input_that_ends_inside_a_form_cancels_it_and_leaves(tmp_path: Path) -> None:
    """Piped input that runs out while a form is asked: the form is cancelled, then the
    console ends (it once waited for ever at the next prompt)."""
    result = console(cwd=tmp_path, stdin="/customer new 惠普中国有限公司\n\n")

    assert result.returncode == 0, result.stderr
    assert "Form cancelled — nothing was saved." in result.stdout
