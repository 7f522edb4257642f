"""The customer card story in the console: create, add a contact, find, be warned."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console import console

NEW_HP = "\n".join(
    [
        "/customer new 惠普中国有限公司",
        "",  # keep the legal name
        "HP",
        "",  # no credit code
        "",
        "",
        "上海",
        "",
        "021-63539330-1010",
        "",
        "http://www.OA.com.cn",
        "",
        "",
        "",
        "",
        "",
        "",  # status, level, manager, security level, not-a-duplicate
    ]
)


def test_create_a_card_add_a_contact_and_find_it(tmp_path: Path) -> None:
    script = "\n".join(
        [
            NEW_HP,
            "click 3",
            "Mr",
            "张伟",
            "总经理",
            "",
            "",
            "138 0013 8000",
            "",
            "/customer find 63539330",
            "quit",
            "",
        ]
    )

    result = console("--lang", "zh", cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "021 6353 9330 转 1010" in result.stdout
    assert "张伟 先生" in result.stdout
    assert "与“63539330”匹配的客户" in result.stdout


def test_the_console_shows_the_duplicate_warning_and_asks_again(tmp_path: Path) -> None:
    script = "\n".join(
        [NEW_HP, "/customer new HP China Co., Ltd.", *[""] * 16, "", "1", "HPChina", "quit", ""]
    )

    result = console(cwd=tmp_path, stdin=script)

    assert "✗ Full legal name: Likely a customer we already have: 惠普中国有限公司" in result.stdout
    created = result.stdout.split("✗")[-1]
    assert "HP China Co., Ltd." in created and "HP2" in created  # the suggested HP was taken


def test_a_second_console_session_creates_its_own_card(tmp_path: Path) -> None:
    first = console(cwd=tmp_path, stdin="\n".join([NEW_HP, "quit", ""]))
    jinke = ["/customer new Jinke Electronics Co., Ltd.", "", "Jinke", *[""] * 14]
    second = console(cwd=tmp_path, stdin="\n".join([*jinke, "/customer find jinke", "quit", ""]))

    assert first.returncode == 0 and second.returncode == 0, second.stderr
    created = second.stdout.split("/customer find")[0]
    assert "Jinke Electronics Co., Ltd.\n===" in created  # its card, not HP's
    assert "惠普中国有限公司\n===" not in created
    assert "*Jinke Electronics Co., Ltd.* (Jinke)" in second.stdout
