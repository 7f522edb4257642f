"""Change notices in a project channel, and the channel's notice settings."""

from __future__ import annotations

from typing import Any

from bot.customers.notice_cases import NoticeSettings
from bot.customers.notices import TOPICS
from bot.i18n import Lang, t
from bot.store.models import Delivery
from bot.views.blocks import Reply, clip, escape, section

Item = dict[str, Any]


def build_notice(delivery: Delivery, lang: Lang) -> Reply:
    payload = delivery.payload
    lines = [f"• {_line(item, lang)}" for item in payload["items"]]
    if payload["count"] > len(payload["items"]):
        lines.append(t("stats.more", lang, count=payload["count"] - len(payload["items"])))
    title = t("notify.title", lang, count=payload["count"])
    return Reply(title, [section(f"*{title}*\n" + "\n".join(lines))])


def _line(item: Item, lang: Lang) -> str:
    name = f"*{escape(clip(item['name'], 80))}* ({escape(item['handle'])})"
    topic, who = item["topic"], f"<@{item['actor']}>"
    if topic == "status":
        level = t("stats.level", lang, level=item["level"]) if item.get("level") else ""
        before = _status(item["from"], lang)
        after = _status(item["to"], lang) if item["to"] else ""
        change = f"{before} → {after}" if after else ""
        return t(
            "notify.status",
            lang,
            name=name,
            change=" ".join(p for p in (change, level) if p),
            who=who,
        )
    if topic == "manager":
        return t(
            "notify.manager",
            lang,
            name=name,
            before=f"<@{item['from']}>",
            after=f"<@{item['to']}>",
            who=who,
        )
    if topic == "value":
        return t(
            "notify.value",
            lang,
            name=name,
            before=item["from"] or "—",
            after=item["to"] or "—",
            who=who,
        )
    if topic == "merge":
        return t("notify.merge", lang, name=name, duplicate=escape(str(item["to"] or "")), who=who)
    kind = t(f"kind.{item['kind']}", lang)
    return t(
        "notify.record",
        lang,
        name=name,
        kind=kind,
        summary=escape(clip(item["summary"], 150)),
        who=who,
    )


def _status(status: object, lang: Lang) -> str:
    return t(f"status.{status}", lang) if status else ""


def build_notice_settings(settings: NoticeSettings, lang: Lang) -> Reply:
    heard = [t(f"notify.topic.{topic}", lang) for topic in TOPICS if settings.topics[topic]]
    silent = [t(f"notify.topic.{topic}", lang) for topic in TOPICS if not settings.topics[topic]]
    text = t(
        "notify.settings",
        lang,
        channel=f"<#{settings.channel}>",
        on=", ".join(heard) or "—",
        off=", ".join(silent) or "—",
    )
    if settings.withheld:
        text += "\n" + t("notify.withheld", lang)
    return Reply(text, [section(text)])
