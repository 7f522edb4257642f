"""No catalog key is written twice: Python keeps the last of two equal dict keys without a
word, so a second definition silently replaces the first one's text (the contact form once
called a job title "Milestone")."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import bot.i18n

CATALOG = Path(bot.i18n.__file__).parent


def catalog_keys(path: Path) -> list[str]:
    """Every message key written in a catalog module: the string keys of its outermost
    dict literals (the texts inside are dicts too, keyed by language)."""
    keys: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict) and all(isinstance(value, ast.Dict) for value in node.values):
            keys += [k.value for k in node.keys if isinstance(k, ast.Constant)]
    return keys


def modules() -> list[Path]:
    return sorted(p for p in CATALOG.glob("*.py") if p.name != "__init__.py")


def test_the_catalog_modules_are_all_read() -> None:
    assert {p.name for p in modules()} >= {"messages.py", "customer_messages.py"}
    assert "label.legal_name" in catalog_keys(CATALOG / "customer_messages.py")


def test_no_key_is_defined_twice_within_a_module() -> None:
    twice = {
        path.name: sorted(k for k, n in Counter(catalog_keys(path)).items() if n > 1)
        for path in modules()
    }
    assert {name: keys for name, keys in twice.items() if keys} == {}


def test_no_key_is_defined_in_two_modules() -> None:
    owners: dict[str, set[str]] = {}
    for path in modules():
        for key in catalog_keys(path):
            owners.setdefault(key, set()).add(path.name)
    assert {key: sorted(names) for key, names in owners.items() if len(names) > 1} == {}
