"""Reading a stage as people name it: its key, or its word in English or Chinese
(`proposal`, `报价`, `won`, `赢单`), or a custom stage's own name."""

from __future__ import annotations

import unicodedata

from bot.store.pipeline import LOST, WON, Pipeline

STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "qualified": ("qualified", "qualify", "lead", "初步接触", "已确认", "确认需求", "线索"),
    "solution": ("solution", "方案", "方案设计", "需求分析"),
    "proposal": ("proposal", "quote", "quotation", "tender", "报价", "建议书", "投标"),
    "negotiation": ("negotiation", "negotiate", "negotiating", "谈判", "商务谈判", "议价"),
    WON: ("won", "win", "赢单", "成交", "签单", "赢"),
    LOST: ("lost", "lose", "输单", "丢单", "失单", "输"),
}


def _key(word: str) -> str:
    return unicodedata.normalize("NFKC", word).strip().lower()


def read_stage(word: str, pipeline: Pipeline) -> str | None:
    """The stage `word` names in this pipeline, or None."""
    typed = _key(word)
    if not typed:
        return None
    for stage in pipeline.stages:
        if typed in (_key(stage.key), _key(stage.label)):
            return stage.key
    for key, words in STAGE_WORDS.items():
        if typed in words and key in pipeline.keys:
            return key
    return None
