"""Sharing, history, merge and archive in the console (the console user owns the sandbox and
administers it; `@li` is typed as in Slack)."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console import console
from tests.console.test_console_customers import NEW_HP


def test_share_history_archive_and_restore(tmp_path: Path) -> None:
    script = "\n".join(
        [
            NEW_HP,
            "/customer share hp @li",
            "/customer history hp",
            "/customer archive hp",
            "/customer show hp",
            "/customer restore HP",
            "/customer team clearance @li 2",
            "/customer team",
            "quit",
            "",
        ]
    )

    result = console(cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "惠普中国有限公司 is now shared with @李娜" in out
    assert "History — 惠普中国有限公司" in out and "*Shared* · @" in out
    assert "Person: @李娜" in out
    assert "Archived 惠普中国有限公司" in out
    # the console's person is an admin: told it is archived, and how to restore it
    assert "惠普中国有限公司 (HP) is archived. An admin can restore it: /customer restore HP" in out
    assert "Restored 惠普中国有限公司" in out
    assert "@李娜 → @赵敏 · clearance 2" in out


def test_merge_and_value_in_the_console(tmp_path: Path) -> None:
    second = ["/customer new 惠普科技（上海）有限公司", *[""] * 16, "", "1"]
    script = "\n".join(
        [
            NEW_HP,
            *second,
            "/customer merge HP2 into HP",  # the suggested short name of 惠普科技 is HP, taken
            "click 1",
            "/customer value hp",
            "5",
            "4",
            "4",
            "4",
            "/customer show hp",
            "quit",
            "",
        ]
    )

    result = console(cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "Merged 惠普科技（上海）有限公司 into 惠普中国有限公司" in result.stdout
    assert "value 17 → tier A" in result.stdout and "A (17)" in result.stdout
