"""`python -m bench.fuzz [SECONDS] [TARGET…]` — what `./dev fuzz` runs.

Every harness (or the ones named) runs under atheris for SECONDS each (default 20), one at a
time, in a process of its own. Each starts from its seed corpus (`corpus/<target>/`,
committed) and the inputs earlier runs found interesting (`work/<target>/`, ignored by git).
A crash — an exception the reader does not document, or one input taking longer than
UNIT_TIMEOUT — is saved under `crashes/` with its traceback printed; the exit status is 1 if
any harness crashed, 2 for a wrong argument."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.fuzz.targets import TARGETS, Target
from bench.fuzz.words import write_dictionary

HERE = Path(__file__).parent
CORPUS, WORK, CRASHES = HERE / "corpus", HERE / "work", HERE / "crashes"
DEFAULT_SECONDS = 20
UNIT_TIMEOUT = 10  # seconds for one input: a reader that slow is a finding too
MAX_LEN = 4096  # bytes; Slack cuts a slash command's text at 4,000 characters
USAGE = f"usage: ./dev fuzz [SECONDS] [TARGET…]  (targets: {', '.join(TARGETS)})"


@dataclass(frozen=True)
class Outcome:
    target: str
    seconds: float
    runs: int
    coverage: int  # libFuzzer's `cov`: code edges reached
    features: int  # `ft`: edges with hit counts, comparisons …
    corpus: int  # inputs kept as interesting
    crashes: list[Path]
    failed: str  # the harness could not run at all ("" if it ran)
    log: Path


def main(argv: list[str]) -> int:
    seconds = DEFAULT_SECONDS
    if argv and argv[0].isdecimal():
        seconds, argv = int(argv[0]), argv[1:]
    unknown = [name for name in argv if name not in TARGETS]
    if unknown or seconds < 1 or any(a.startswith("-") for a in argv):
        print(USAGE, file=sys.stderr)
        return 2
    chosen = [TARGETS[name] for name in argv] or list(TARGETS.values())
    print(f"fuzzing {len(chosen)} harness(es) for {seconds} s each, one at a time")
    outcomes = []
    for target in chosen:
        outcome = fuzz(target, seconds)
        outcomes.append(outcome)
        print(line(outcome), flush=True)
        if outcome.crashes or outcome.failed:
            print(indented(traceback_of(outcome.log.read_text(errors="replace"))), flush=True)
    bad = [o for o in outcomes if o.crashes or o.failed]
    total = sum(o.runs for o in outcomes)
    print(f"{len(outcomes)} harness(es), {total:,} inputs, {len(bad)} with a crash")
    return 1 if bad else 0


def fuzz(target: Target, seconds: int) -> Outcome:
    work = WORK / target.name
    work.mkdir(parents=True, exist_ok=True)
    CRASHES.mkdir(parents=True, exist_ok=True)
    before = set(CRASHES.glob(f"{target.name}-*"))
    log = WORK / f"{target.name}.log"
    command = [
        sys.executable,
        "-m",
        "bench.fuzz.engine",
        target.name,
        str(work),  # new interesting inputs are written to the first folder
        str(CORPUS / target.name),
        f"-max_total_time={seconds}",
        f"-timeout={UNIT_TIMEOUT}",
        f"-max_len={MAX_LEN}",
        f"-dict={write_dictionary(WORK / 'words.dict')}",
        f"-artifact_prefix={CRASHES}/{target.name}-",
        "-print_final_stats=1",
    ]
    started = time.monotonic()
    with log.open("wb") as out:
        try:
            finished = subprocess.run(
                command, stdout=out, stderr=subprocess.STDOUT, cwd=HERE.parent.parent,
                timeout=seconds + 10 * UNIT_TIMEOUT + 60,
            )  # fmt: skip
            status = finished.returncode
        except subprocess.TimeoutExpired:
            status = -1
    text = log.read_text(errors="replace")
    crashes = sorted(set(CRASHES.glob(f"{target.name}-*")) - before)
    failed = "" if status == 0 or crashes else f"exit status {status}, see {log}"
    return Outcome(
        target=target.name,
        seconds=time.monotonic() - started,
        runs=_last_number(r"stat::number_of_executed_units:\s*(\d+)", text),
        coverage=_last_number(r"\bcov: (\d+)", text),
        features=_last_number(r"\bft: (\d+)", text),
        corpus=_last_number(r"\bcorp: (\d+)", text),
        crashes=crashes,
        failed=failed,
        log=log,
    )


def line(outcome: Outcome) -> str:
    verdict = (
        f"CRASH {', '.join(str(p) for p in outcome.crashes)}"
        if outcome.crashes
        else f"FAILED ({outcome.failed})"
        if outcome.failed
        else "no crash"
    )
    return (
        f"{outcome.target:<14} {outcome.seconds:6.0f} s {outcome.runs:>11,} inputs"
        f"  cov {outcome.coverage:>6,}  ft {outcome.features:>7,}  corpus {outcome.corpus:>5,}"
        f"  {verdict}"
    )


def traceback_of(log: str) -> str:
    """The part of the log that says what went wrong: the uncaught exception with its
    traceback and notes, or libFuzzer's timeout; the last lines when neither is there."""
    start = max(log.rfind("=== Uncaught Python exception"), log.rfind("ALARM: working on"))
    if start < 0:
        return "\n".join(log.splitlines()[-20:])
    context = log.rfind("fuzz input read with ", 0, start)
    if context >= 0 and "\n#" not in log[context:start]:  # printed by the crashing input
        start = context
    end = log.find("\nMS: ", start)
    return log[start : end if end > 0 else None].strip()


def indented(text: str) -> str:
    return "\n".join("    " + row for row in text.splitlines())


def _last_number(pattern: str, text: str) -> int:
    found = re.findall(pattern, text)
    return int(found[-1]) if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
