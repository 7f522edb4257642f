"""One harness under atheris: `python -m bench.fuzz.engine <target> [libFuzzer flags…]`.

Rapport (and the libraries the target names) is instrumented as it is imported, and
comparisons with string literals are hooked, so the fuzzer learns the words the readers look
for; words.py's dictionary adds what only regular expressions look for. libFuzzer's flags
pass through (`-max_total_time=60`, `-artifact_prefix=…`, corpus folders); `./dev fuzz`
sets them."""

from __future__ import annotations

import sys
from importlib import import_module

import atheris

from bench.fuzz.targets import TARGETS, harness


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        raise SystemExit(f"usage: python -m bench.fuzz.engine {{{','.join(TARGETS)}}} [flags]")
    target = TARGETS[argv[1]]
    # Comparisons with string literals (startswith, ==) guide the fuzzer. Not the "RegEx"
    # hook: its pattern proxy of atheris 3.0 lacks search(text, pos) and breaks re.sub.
    atheris.enabled_hooks.add("str")
    with atheris.instrument_imports(include=["bot", *target.libraries]):
        run = harness(target)
        for library in target.libraries:  # Rapport loads some only at their first use
            import_module(library)
    atheris.Setup([argv[0], *argv[2:]], run)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
