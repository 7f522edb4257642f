"""The harnesses `./dev fuzz` runs, and what each one instruments besides Rapport itself
(the libraries a reader hands text to, so that their branches guide the fuzzer too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    name: str
    module: str  # bench.fuzz.harnesses.<module>
    function: str
    libraries: tuple[str, ...] = ()


TARGETS = {
    t.name: t
    for t in (
        Target("when", "dates", "fuzz_when"),
        Target("milestone", "dates", "fuzz_milestone"),
        Target("company_name", "names", "fuzz_company_name"),
        Target("phone", "fields", "fuzz_phone", ("phonenumbers",)),
        Target("email", "fields", "fuzz_email", ("email_validator", "idna")),
        Target("website", "fields", "fuzz_website", ("tldextract", "idna")),
        Target("customer_form", "forms", "fuzz_customer_form", ("phonenumbers",)),
        Target("contact_form", "forms", "fuzz_contact_form", ("phonenumbers",)),
        Target("log_line", "logs", "fuzz_log_line"),
        Target("slash_command", "commands", "fuzz_slash_command"),
        Target("csv_import", "imports", "fuzz_csv_import", ("charset_normalizer",)),
        Target("console_line", "console", "fuzz_console_line"),
        Target("settings", "settings", "fuzz_settings", ("phonenumbers",)),
    )
}


def harness(target: Target) -> Callable[[bytes], None]:
    """The harness function, imported now: under atheris, inside its instrumentation."""
    from importlib import import_module

    module = import_module(f"bench.fuzz.harnesses.{target.module}")
    return getattr(module, target.function)
