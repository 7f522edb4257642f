"""What is said when a forecast's CSV or chart is sent by DM (or could not be)."""

from __future__ import annotations

from bot.i18n import Lang, t
from bot.views.blocks import Reply


def pipeline_file_name() -> str:
    return "rapport-pipeline.csv"


def chart_file_name() -> str:
    return "rapport-pipeline.png"


def build_pipeline_csv_sent(rows: int, lang: Lang) -> Reply:
    return Reply(t("pipeline.csv_sent", lang, rows=rows))


def build_chart_sent(lang: Lang) -> Reply:
    return Reply(t("pipeline.chart_sent", lang))


def build_no_chart(lang: Lang) -> Reply:
    return Reply(t("pipeline.no_chart", lang))


def build_send_failed(error: str, lang: Lang) -> Reply:
    return Reply(t("pipeline.send_failed", lang, error=error))
