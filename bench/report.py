"""The results as text tables and as sections of docs/PERFORMANCE.md.

The file is a preamble (title, machine, command) and `## ` sections; a run rewrites the
preamble and its own sections and leaves every other section as it was.
"""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

from bench.dataset import Loaded
from bench.stats import JobResult, Result

TITLE = "# Performance"
SECTIONS = {
    "data": "## Data sets",
    "duplicates": "## Duplicate check",
    "find": "## /customer find",
    "sweep": "## Reminder sweep",
    "briefs": "## Weekly briefs",
    "imports": "## CSV import",
}
INTRO = {
    "duplicates": (
        "`find_duplicates` (bot/customers/duplicates.py) for names typed into the new-card "
        "form: the indexed key look-ups and the scoring step over the candidates they return. "
        "Half the checks are variants of an existing card (a city added, another legal form, "
        "the pinyin of a Chinese name with its industry in English, the brand and industry "
        "alone, an English brand with one letter wrong, a new name with the card's phone or "
        "website); the other half are new names. Each check is timed around its own "
        "`Database.transaction()` block, as the app runs it, after 100 warm-up checks (the "
        "first check of a process also reads the word lists: see docs/QUALITY.md). How well "
        "it tells companies apart on real-world-shaped names is measured in docs/QUALITY.md."
    ),
    "find": (
        "`find_customers` (bot/customers/search.py), the `/customer find` path, for what a "
        "person types to reach one card: its name up to the end of its brand (上海金科, "
        "Vortek), the pinyin of its brand, its English brand, its brand's spelling (English "
        "or pinyin) with one letter wrong past the first, its contact's surname (English "
        "cards) or full name (Chinese cards), a phone number (8 digits or 0XX-…). Every query "
        "is asked by the card's manager: people look up their own customers, and find puts "
        "the person's own cards first within a rank, looking them up apart when others' "
        "cards with the same text are many. Asked by anyone else, most brand queries cannot "
        "single out one card in this synthetic data set, whatever the ranking: at 1,000,000 "
        "customers 40 managers hold 25,000 cards each and brands are drawn from short "
        "syllable and character lists, so an English brand is shared by a median of 78 "
        "cards (up to 107) and a brand's pinyin by a median of 27 (up to 259); only 32% and "
        "28% of those queries match 10 cards or fewer (the 39% and 38% measured before "
        "2026-12-01, asked by another manager, were that ceiling). Contacts' surnames come "
        "from 60 × 40 parts (2,400 names, about 125 contacts each at 1,000,000 cards; until "
        "2026-12-01 from 400, so 750 cards and 20 of one manager's shared each surname). Each "
        "query is timed around its own `Database.transaction()` block, after 50 warm-up "
        'queries; the duplicate check\'s 50 ms is applied. "Card in results" is how often '
        "that card is among the 10 shown (target: 90% for each kind). Each card has one "
        "contact, indexed as the app indexes contacts (its search terms; the contact rows are "
        "not loaded). A misspelling that is itself the start of other names (yuea for yuema, "
        "tuoxi for tuoqi) ranks after them, as the issue's order wants; since 2026-12-02 a "
        "misspelt brand ranks before cards that only have a contact whose name starts with "
        "the text or is spelt like it, and beside a contact named exactly so, the person's "
        "own cards first (shenzhi, hujing: one letter off 顺智, 辉璟, and whole pinyin of "
        "contacts' names). Before that change, at 100,000 on SQLite the card was found for "
        "96.8% of pinyin misspellings, and at 1,000,000 on PostgreSQL for 85.5% (2026-12-01 "
        "22:53 UTC, load average 9.33). Before 2026-12-01 (no "
        "separate look-up of the person's own cards, no look-up of the spellings one edit "
        "away), the same queries on the same data found the card for 65.1% of pinyin "
        "misspellings at 100,000 on SQLite, and at 1,000,000 on PostgreSQL for 53.2% of pinyin "
        "and 90.9% of English misspellings and 98.1% of pinyin queries (the other kinds as "
        "now)."
    ),
    "sweep": (
        "`jobs.run_reminders(now)` (bot/jobs/runtime.py) over N due follow-ups, each with its "
        "own owner and so its own DM, timed end to end: the claim transaction (find what is "
        "due, insert the ledger rows, note the reminded due time), the language look-up, "
        "posting every DM through the app's web client to the SlackDouble on loopback and "
        "recording each outcome in the ledger. The poster runs with pace=0.0 (no pause "
        "between two messages to one channel; the app's default is 1 s) and the SlackDouble "
        "runs in the same process and event loop, so its work is part of the time. A second "
        "sweep must post nothing; two sweeps (two `build_jobs`, each with its own engine, as "
        "two replicas) racing over a fresh copy of the same reminders must post each once. "
        "Target: 10,000 reminders in at most 10 s. Most of the time is the HTTP client: "
        "`build_web_client` gives slack_sdk no aiohttp session, so every chat.postMessage "
        "opens a new session and connection; in a trial with one shared session the SQLite "
        "sweep took about 4 s less."
    ),
    "briefs": (
        "`jobs.run_briefs(now)` when every brief and digest schedule is due (Monday 09:00): "
        "channels linked to 10 customers each, every tenth channel quiet, contact records "
        "spread uniformly over the past 365 days (about 2% in the last week), plus open "
        "follow-ups, milestones, phase plans and phase changes. Schedules are made beforehand "
        "with `ensure_schedules`. The sweep runs twice from the same state in a fresh process: "
        'timed, with "RSS growth" the rise of the process\'s RSS high-water mark (VmHWM; '
        "ru_maxrss would include the parent's, inherited across fork and exec), and under "
        'tracemalloc for "tracemalloc peak", the peak of Python allocations. Pace 0.0 and '
        "the in-process SlackDouble as above. Target: at most 10 s and 300 MB."
    ),
    "data": (
        "Load time covers computing every card's rows with the app's own functions "
        "(`suggest_short_name`, `identity_key`, `card_keys`, `card_terms`) in 2 worker "
        "processes, the bulk insert (COPY on PostgreSQL), rebuilding indexes and constraints, "
        'and ANALYZE; "cached" means an identical database from an earlier run was reused.'
    ),
}


def machine(loaded: list[Loaded]) -> list[tuple[str, str]]:
    versions = {item.backend: item.server_version for item in loaded}
    rows = [
        ("CPU", _cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("RAM", _ram()),
        ("Python", platform.python_version()),
        ("SQLite", versions.get("sqlite", "not run")),
        ("PostgreSQL", versions.get("postgresql", "not run")),
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    return rows


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return found.group(1).strip() if found else "unknown"


def _ram() -> str:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return "unknown"
    found = re.search(r"^MemTotal:\s*(\d+) kB", text, re.M)
    return f"{int(found.group(1)) / 1024**2:.1f} GiB" if found else "unknown"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table, padded so it also reads as plain text."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [
        line(r) for r in rows
    ]


def data_table(loaded: list[Loaded]) -> list[str]:
    header = ["backend", "customers", "match keys", "search terms", "load"]
    rows = [
        [
            item.backend,
            f"{item.customers:,}",
            f"{item.keys:,}",
            f"{item.terms:,}",
            f"{item.load_seconds:.0f} s" if item.load_seconds is not None else "cached",
        ]
        for item in loaded
    ]
    return table(header, rows)


def result_table(results: list[Result]) -> list[str]:
    header = ["backend", "customers", "checks", "p50", "p95", "p99", "max", "target", "met"]
    rows = [
        [
            r.backend,
            f"{r.customers:,}",
            f"{r.checks:,}",
            *(f"{v:.1f} ms" for v in (r.p50, r.p95, r.p99, r.max)),
            f"p95 ≤ {r.target_p95_ms:.0f} ms",
            "yes" if r.met else "no",
        ]
        for r in results
    ]
    return table(header, rows)


def notes_table(results: list[Result]) -> list[str]:
    names = list(dict.fromkeys(n for r in results for n in r.notes))
    if not names:
        return []
    header = ["", *(f"{r.backend} {r.customers:,}" for r in results)]
    return table(header, [[n, *(r.notes.get(n, "") for r in results)] for n in names])


def job_table(results: list[JobResult]) -> list[str]:
    header = ["backend", *results[0].columns, "target", "met"]
    rows = [[r.backend, *r.columns.values(), r.target, "yes" if r.met else "no"] for r in results]
    return table(header, rows)


def job_notes(results: list[JobResult]) -> list[str]:
    names = list(dict.fromkeys(n for r in results for n in r.notes))
    header = ["", *(r.backend for r in results)]
    return table(header, [[n, *(r.notes.get(n, "") for r in results)] for n in names])


def job_sections(results: list[JobResult], command: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for name in ("sweep", "briefs"):
        mine = [r for r in results if r.benchmark == name]
        if mine:
            found[name] = [
                SECTIONS[name],
                "",
                INTRO[name],
                "",
                f"Measured {when} with `{command}`.",
                "",
                *job_table(mine),
                "",
                *job_notes(mine),
                "",
            ]
    return found


def sections(loaded: list[Loaded], results: list[Result], command: str) -> dict[str, list[str]]:
    preamble = [
        TITLE,
        "",
        "Latency of Rapport's hot paths on large synthetic customer bases (about 70% Chinese",
        "and 30% English company names, each with a website, a landline and often an email).",
        "Target: p95 ≤ 50 ms per duplicate check at 1,000,000 customers on PostgreSQL and at",
        "100,000 customers on SQLite. The scheduled jobs: 10,000 due reminders swept in at most",
        "10 s, and the weekly briefs of 1,000 channels over 1,000,000 contact records in at",
        "most 10 s and 300 MB.",
        "",
        "Reproduce from the repository root. `./dev bench` runs `python -m bench` against a",
        "throwaway PostgreSQL server (scripts/with-postgres); `.venv/bin/python -m bench` alone",
        "runs SQLite only. Loaded databases are cached under bench/results/ between runs.",
        "The duplicate check's precision and recall are in [QUALITY.md](QUALITY.md).",
        "",
        "```",
        command,
        "```",
        "",
        *table(["", "machine"], [[k, v] for k, v in machine(loaded)]),
        "",
    ]
    found = {
        "data": [SECTIONS["data"], "", INTRO["data"], "", *data_table(loaded), ""],
    }
    for name in ("duplicates", "find"):
        mine = [r for r in results if r.benchmark == name]
        if mine:
            found[name] = [
                SECTIONS[name],
                "",
                INTRO[name],
                "",
                *result_table(mine),
                "",
                *notes_table(mine),
                "",
            ]
    return {"": preamble} | found


def write(path: Path, parts: dict[str, list[str]]) -> None:
    """Replace the preamble (when given) and our sections in `path`, keep the others."""
    existing = path.read_text().splitlines() if path.exists() else []
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in existing:
        if line.startswith("## "):
            blocks.append((line.strip(), []))
        blocks[-1][1].append(line)
    by_heading = {SECTIONS[name]: lines for name, lines in parts.items() if name}
    out: list[str] = list(parts[""] if "" in parts else blocks[0][1])
    for heading, lines in blocks[1:]:
        if heading in by_heading:
            out += by_heading.pop(heading)
        else:
            out += [*lines] if lines[-1:] == [""] else [*lines, ""]
    for lines in by_heading.values():
        out += lines
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out).rstrip() + "\n")
