"""The console on a real terminal (a pseudo-terminal driven by pexpect): Ctrl-C, Ctrl-D,
and a pasted line longer than the 4,096 bytes a terminal's own line editing keeps."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from tests.console.test_console_customers import NEW_HP

PROMPT = "rapport>"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[pexpect.spawn]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    # a terminal that answers no cursor-position query: the line editor must not wait for one
    env.update(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", LANG="C.UTF-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bot", "console", "--lang", "en", "--tz", "Asia/Shanghai"],
        cwd=tmp_path,
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
    )
    child.expect(PROMPT)
    yield child
    child.close(force=True)


def test_ctrl_c_cancels_a_form_and_ctrl_d_at_the_prompt_quits(terminal: pexpect.spawn) -> None:
    terminal.sendline("/customer new Jinke Electronics Co., Ltd.")
    terminal.expect("Full legal name")
    terminal.sendcontrol("c")
    terminal.expect("Form cancelled — nothing was saved.")
    terminal.expect(PROMPT)

    terminal.sendline("/customer new Jinke Electronics Co., Ltd.")
    terminal.expect("Full legal name")
    terminal.sendcontrol("d")  # in a form: leaves the form, not the console
    terminal.expect("Form cancelled — nothing was saved.")
    terminal.expect(PROMPT)

    terminal.sendcontrol("d")
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == 0
    assert "Traceback" not in (terminal.before or "")


def test_a_line_longer_than_4096_bytes_arrives_whole(
    terminal: pexpect.spawn, tmp_path: Path
) -> None:
    text = "方案" * 2500  # 5,000 characters, 15,000 bytes in UTF-8
    for line in NEW_HP.split("\n"):
        terminal.sendline(line)
    terminal.expect("Updated")  # the new card

    terminal.sendline(f"/log hp {text}")
    terminal.expect("Logged — Note with 惠普中国有限公司")
    terminal.expect(PROMPT)
    terminal.sendline("quit")
    terminal.expect(pexpect.EOF)

    with sqlite3.connect(tmp_path / "rapport.db") as db:
        (summary,) = db.execute("SELECT summary FROM contact_record").fetchone()
    assert summary == text
