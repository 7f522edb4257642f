"""The supervisors' team view as Block Kit — the weekly roll-up DM and a supervisor's App
Home show the same — and the health drops named in a manager's weekly digest."""

from __future__ import annotations

from typing import Any

from bot.errors import Message
from bot.i18n import Lang, t
from bot.views.blocks import Block, Reply, clip, context, escape, header, section
from bot.views.customer_errors import render_message

View = dict[str, Any]
OWNERS = 10


def item_reason(item: View, lang: Lang) -> str:
    """The heaviest reason of a card's health, as kept in a delivery's payload."""
    reason = item.get("reason")
    if not reason:
        return t("health.all_well", lang)
    return render_message(Message(reason["key"], reason.get("params") or {}), lang)


def item_health(item: View, lang: Lang) -> str:
    """`🟡 62`."""
    return t(
        "health.short", lang, light=t(f"health.light.{item['light']}", lang), score=item["score"]
    )


def item_line(item: View, lang: Lang) -> str:
    said = item_reason(item, lang)
    return t(
        "stats.card_line",
        lang,
        light=t(f"health.light.{item['light']}", lang),
        score=item["score"],
        name=escape(clip(item["name"], 60)),
        handle=escape(item["handle"]),
        manager=item["manager"],
        reason=said,
    )


def team_blocks(view: View, lang: Lang, *, home: bool = False) -> list[Block]:
    """The view's sections (the roll-up lists what turned red; Home what is red now)."""
    lights = {light: view["lights"].get(light, 0) for light in ("green", "amber", "red")}
    blocks: list[Block] = [
        context(
            t("rollup.scope", lang, count=view["total"], size=view["size"]),
            t("stats.health", lang, **lights),
        )
    ]
    red = view["red"] if home else {"count": len(view["turned_red"]), "items": view["turned_red"]}
    sections = [
        ("rollup.red_now" if home else "rollup.turned_red", red),
        ("rollup.stale", view["stale"]),
        ("rollup.cadence_missed", view["cadence_missed"]),
        ("rollup.new_customers", view["new_customers"]),
    ]
    for key, listed in sections:
        if listed["count"]:
            blocks.append(section(_listed(t(key, lang, count=listed["count"]), listed, lang)))
    changes = view["phase_changes"]
    if changes["count"]:
        lines = [
            f"  {item_line(c, lang)} · {_phase(c['from'], lang)} → {_phase(c['to'], lang)}"
            for c in changes["items"]
        ]
        blocks.append(
            section("\n".join([t("rollup.phase_changes", lang, count=changes["count"]), *lines]))
        )
    if view["overdue_by_person"]:
        owners = ", ".join(
            t("stats.owner_line", lang, who=f"<@{who}>", count=n)
            for who, n in view["overdue_by_person"][:OWNERS]
        )
        total = sum(n for _, n in view["overdue_by_person"])
        blocks.append(section(t("rollup.overdue", lang, count=total, owners=owners)))
    return blocks


def build_rollup(view: View | None, lang: Lang) -> Reply | None:
    """None for a quiet week: then nothing is posted."""
    if not view:
        return None
    title = t("rollup.title", lang)
    return Reply(title, [header(title), *team_blocks(view, lang)])


def drops_block(drops: list[View], lang: Lang) -> Block:
    lines = [
        t(
            "health.dropped_line",
            lang,
            name=escape(clip(d["name"], 60)),
            before=t(f"health.light.{d['before']}", lang),
            after=t(f"health.light.{d['light']}", lang),
            score=d["score"],
            reason=item_reason(d, lang),
        )
        for d in drops[:10]
    ]
    more = [t("stats.more", lang, count=len(drops) - 10)] if len(drops) > 10 else []
    return section(t("health.dropped", lang, lines="\n• " + "\n• ".join(lines + more)))


def _listed(title: str, listed: View, lang: Lang) -> str:
    lines = [title, *(f"  {item_line(i, lang)}" for i in listed["items"])]
    if listed["count"] > len(listed["items"]):
        lines.append("  " + t("stats.more", lang, count=listed["count"] - len(listed["items"])))
    return "\n".join(lines)


def _phase(phase: str, lang: Lang) -> str:
    return t(f"phase.{phase}", lang)
