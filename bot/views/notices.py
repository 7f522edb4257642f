"""Change notices in a project channel, and the channel's notice settings."""

from __future__ import annotations

from typing import Any

from bot.customers.notice_cases import NoticeSettings
from bot.customers.notices import TOPICS
from bot.i18n import Lang, t
from bot.store.models import Delivery
from bot.views.blocks import Mrkdwn, Reply, channel_link, clip, md, mention, section

Item = dict[str, Any]


def build_notice(delivery: Delivery, lang: Lang) -> Reply:
    payload = delivery.payload
    lines = [Mrkdwn("• ") + _line(item, lang) for item in payload["items"]]
    if payload["count"] > len(payload["items"]):
        lines.append(md("stats.more", lang, count=payload["count"] - len(payload["items"])))
    title = t("notify.title", lang, count=payload["count"])
    return Reply(title, [section(Mrkdwn("*{}*\n").format(title) + Mrkdwn("\n").join(lines))])


def _line(item: Item, lang: Lang) -> Mrkdwn:
    name = Mrkdwn("*{}* ({})").format(clip(item["name"], 80), item["handle"])
    topic, who = item["topic"], mention(item["actor"])
    if topic == "status":
        level = t("stats.level", lang, level=item["level"]) if item.get("level") else ""
        before = _status(item["from"], lang)
        after = _status(item["to"], lang) if item["to"] else ""
        change = f"{before} → {after}" if after else ""
        return md(
            "notify.status",
            lang,
            name=name,
            change=" ".join(p for p in (change, level) if p),
            who=who,
        )
    if topic == "manager":
        return md(
            "notify.manager",
            lang,
            name=name,
            before=mention(item["from"]),
            after=mention(item["to"]),
            who=who,
        )
    if topic == "value":
        return md(
            "notify.value",
            lang,
            name=name,
            before=item["from"] or "—",
            after=item["to"] or "—",
            who=who,
        )
    if topic == "merge":
        return md("notify.merge", lang, name=name, duplicate=str(item["to"] or ""), who=who)
    kind = t(f"kind.{item['kind']}", lang)
    return md(
        "notify.record",
        lang,
        name=name,
        kind=kind,
        summary=clip(item["summary"], 150),
        who=who,
    )


def _status(status: object, lang: Lang) -> str:
    return t(f"status.{status}", lang) if status else ""


def build_notice_settings(settings: NoticeSettings, lang: Lang) -> Reply:
    heard = [t(f"notify.topic.{topic}", lang) for topic in TOPICS if settings.topics[topic]]
    silent = [t(f"notify.topic.{topic}", lang) for topic in TOPICS if not settings.topics[topic]]
    text = md(
        "notify.settings",
        lang,
        channel=channel_link(settings.channel),
        on=", ".join(heard) or "—",
        off=", ".join(silent) or "—",
    )
    if settings.withheld:
        text += "\n" + t("notify.withheld", lang)
    return Reply(text, [section(text)])
