"""Charts of `/customer stats`, drawn on the server as PNG images: the status × level grid,
the phase funnel and the contact records per week. Each carries its numbers in its alt text
(what a screen reader says, and what Slack shows when images are off).

matplotlib is imported on first use, with the Agg backend and its object API (no pyplot,
no global state): `rapport serve` does not load it until someone asks for a chart, and
charts may be drawn in a worker thread. Chinese labels need a CJK font on the machine
(Debian: fonts-noto-cjk); without one the axes are labelled in English (the alt text
stays in the reader's language).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from bot.customers.form import STATUSES
from bot.customers.stats import StatsFigures
from bot.dates.display import format_day
from bot.i18n import Lang, t

if TYPE_CHECKING:  # matplotlib itself is imported on first use only
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Droid Sans Fallback",
)
ALT_LIMIT = 2000  # Slack's image block alt_text


@dataclass(frozen=True)
class Chart:
    name: str  # grid | funnel | trend
    title: str
    alt: str
    png: bytes

    @property
    def filename(self) -> str:
        return f"rapport-stats-{self.name}.png"


def stats_charts(figures: StatsFigures, lang: Lang) -> list[Chart]:
    """The three charts, in the reader's language where a font allows."""
    labels: Lang = lang if lang == "en" or _cjk_font() else "en"
    return [_grid(figures, lang, labels), _funnel(figures, lang, labels), _trend(figures, lang)]


def _alt(key: str, lang: Lang, cells: list[str]) -> str:
    return t(key, lang, cells="; ".join(cells))[:ALT_LIMIT]


def _grid(figures: StatsFigures, lang: Lang, labels: Lang) -> Chart:
    levels = sorted({level for row in figures.by_status_level.values() for level in row})
    rows = [[figures.by_status_level[s].get(level, 0) for level in levels] for s in STATUSES]
    figure, axes = _figure(width=6.4, height=3.2)
    axes.imshow(rows, cmap="Blues", aspect="auto")
    axes.set_xticks(range(len(levels)), [f"L{level}" for level in levels])
    axes.set_yticks(range(len(STATUSES)), [t(f"status.{s}", labels) for s in STATUSES])
    top = max((n for row in rows for n in row), default=0)
    for y, row in enumerate(rows):
        for x, count in enumerate(row):
            color = "white" if top and count > top / 2 else "black"
            axes.text(x, y, str(count), ha="center", va="center", color=color)
    axes.set_title(t("stats.chart.grid", labels))
    cells = [
        f"{t(f'status.{s}', lang)} "
        + (
            ", ".join(
                f"{t('stats.level', lang, level=level)} {n}"
                for level, n in zip(levels, row, strict=True)
                if n
            )
            or "0"
        )
        for s, row in zip(STATUSES, rows, strict=True)
    ]
    return Chart(
        "grid", t("stats.chart.grid", lang), _alt("stats.alt.grid", lang, cells), _png(figure)
    )


def _funnel(figures: StatsFigures, lang: Lang, labels: Lang) -> Chart:
    phases = list(figures.by_phase)
    counts = [figures.by_phase[p] for p in phases]
    figure, axes = _figure(width=6.4, height=3.0)
    bars = axes.barh(range(len(phases)), counts, color="#2c4a6e")
    axes.set_yticks(range(len(phases)), [t(f"phase.{p}", labels) for p in phases])
    axes.invert_yaxis()  # the first phase on top: a funnel
    axes.bar_label(bars, labels=[str(n) for n in counts], padding=3)
    axes.set_title(t("stats.chart.funnel", labels))
    cells = [f"{t(f'phase.{p}', lang)} {n}" for p, n in zip(phases, counts, strict=True)]
    return Chart(
        "funnel", t("stats.chart.funnel", lang), _alt("stats.alt.funnel", lang, cells), _png(figure)
    )


def _trend(figures: StatsFigures, lang: Lang) -> Chart:
    weeks = [day for day, _ in figures.trend]
    counts = [n for _, n in figures.trend]
    figure, axes = _figure(width=6.4, height=2.8)
    axes.plot(range(len(weeks)), counts, marker="o", color="#2c4a6e")
    axes.set_xticks(range(len(weeks)), [f"{d.month}/{d.day}" for d in weeks])
    axes.set_ylim(bottom=0)
    axes.set_title(t("stats.chart.trend", "en" if lang == "zh" and not _cjk_font() else lang))
    cells = [
        f"{t('stats.week_of', lang, day=format_day(day, lang))} {n}"
        for day, n in zip(weeks, counts, strict=True)
    ]
    return Chart(
        "trend", t("stats.chart.trend", lang), _alt("stats.alt.trend", lang, cells), _png(figure)
    )


def _figure(*, width: float, height: float) -> tuple[Figure, Axes]:
    """A figure on the Agg canvas, its one axes (matplotlib loaded here, on first use)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _cjk_font()  # puts a CJK font first, once, when the machine has one
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@cache
def _cjk_font() -> str:
    """The first CJK font matplotlib finds on this machine ("" when there is none)."""
    from matplotlib import font_manager, rcParams

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    font = next((name for name in CJK_FONTS if name in installed), "")
    if font:
        rcParams["font.sans-serif"] = [font, *rcParams["font.sans-serif"]]
    return font
