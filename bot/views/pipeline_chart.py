"""The forecast by month of expected close as a bar chart (PNG): each month's amount and,
in front of it, its weighted amount, in the largest currency. Drawn with matplotlib's Agg
backend, imported only when a chart is asked for; without matplotlib there is no chart and
the caller says so. The image carries digits only (months, amounts): its words are in the
message that goes with it, in the reader's language, since a server may have no CJK font."""

from __future__ import annotations

import importlib.util
import io

from bot.sales.amounts import exponent
from bot.sales.forecast import Forecast

WIDTH, HEIGHT, DPI = 8.0, 4.0, 110
MONTHS = 18  # the chart's months; the message's table lists every one


def charts_available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def forecast_chart(forecast: Forecast) -> bytes | None:
    """The PNG, or None when there is nothing to draw or no matplotlib."""
    if not forecast.currencies or not charts_available():
        return None
    import matplotlib

    matplotlib.use("Agg")  # no display, no GUI toolkit: safe in a server
    from matplotlib.figure import Figure  # no pyplot: no global state shared by requests
    from matplotlib.ticker import FuncFormatter

    currency = forecast.currencies[0]
    months = sorted((m for m, c in forecast.by_month if c == currency and isinstance(m, int)))[
        :MONTHS
    ]
    if not months:
        return None
    totals = [forecast.by_month[(m, currency)] for m in months]
    labels = [f"{m // 100}-{m % 100:02d}" for m in months]
    scale = 10 ** exponent(currency)
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    axes = figure.add_subplot()
    axes.bar(labels, [x.amount / scale for x in totals], color="#a9c4e4")
    axes.bar(labels, [x.weighted / scale for x in totals], color="#2c4a6e", width=0.5)
    axes.set_ylabel(currency)
    axes.tick_params(axis="x", labelrotation=45)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
