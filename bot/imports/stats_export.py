"""The figures of `/customer stats` as a CSV file: one row per figure (UTF-8 with a BOM for
Excel, labels in the reader's language, formula-looking cells quoted as exports do)."""

from __future__ import annotations

import csv
import io

from bot.customers.stats_cases import TeamStats
from bot.i18n import Lang, t
from bot.imports.formulas import neutralise

BOM = "\ufeff"


def stats_csv(stats: TeamStats, lang: Lang) -> str:
    figures = stats.figures
    rows: list[tuple[str, str, int]] = []
    if figures is not None:

        def who(user: str) -> str:
            return stats.names.get(user, user)

        def add(section: str, label: str, count: int) -> None:
            rows.append((t(f"stats.csv.{section}", lang), label, count))

        add("total", "", figures.total)
        for light, count in figures.lights.items():
            add("health", t(f"health.word.{light}", lang), count)
        for status, levels in figures.by_status_level.items():
            for level, count in levels.items():
                label = f"{t(f'status.{status}', lang)} {t('stats.level', lang, level=level)}"
                rows.append((t("stats.status_level", lang), label, count))
        for phase, count in figures.by_phase.items():
            rows.append((t("stats.by_phase", lang), t(f"phase.{phase}", lang), count))
        for tier, count in figures.by_tier.items():
            rows.append(
                (
                    t("stats.by_tier", lang),
                    (t("stats.tier_none", lang) if tier == "-" else tier),
                    count,
                )
            )
        for manager, count, _ in figures.by_manager:
            rows.append((t("stats.by_manager", lang), who(manager), count))
        add("stale", "", figures.stale_count)
        add("cadence_kept", "", figures.cadence_kept)
        add("cadence_missed", "", figures.cadence_missed_count)
        add("overdue", "", figures.overdue_total)
        for owner, count in figures.overdue_by_owner:
            add("overdue", who(owner), count)
        add("slipping", "", figures.slipping_total)
        for day, count in figures.trend:
            add("trend", day.isoformat(), count)
        for state in figures.least_healthy:
            add("customer", f"{state.name} ({state.handle})", state.health.score)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t(f"stats.csv.{k}", lang) for k in ("section", "label", "count")])
    for section, label, count in rows:
        writer.writerow([neutralise(section), neutralise(label), count])
    return BOM + out.getvalue()
