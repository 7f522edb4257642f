"""The supervisors' team view as Block Kit — the weekly roll-up DM and a supervisor's App
Home show the same — and the health drops named in a manager's weekly digest."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.customers.team_view import OWNERS
from bot.errors import Message
from bot.i18n import Lang, t
from bot.views.blocks import Block, Mrkdwn, Reply, clip, context, header, md, mention, section
from bot.views.customer_errors import render_message
from bot.views.maintenance import money
from bot.views.surveys import feedback_line

View = dict[str, Any]


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


def item_line(item: View, lang: Lang) -> Mrkdwn:
    said = item_reason(item, lang)
    return md(
        "stats.card_line",
        lang,
        light=t(f"health.light.{item['light']}", lang),
        score=item["score"],
        name=clip(item["name"], 60),
        handle=item["handle"],
        manager=mention(item["manager"]),
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
            blocks.append(section(_listed(md(key, lang, count=listed["count"]), listed, lang)))
    changes = view["phase_changes"]
    if changes["count"]:
        lines = [
            Mrkdwn("  {} · {} → {}").format(
                item_line(c, lang), _phase(c["from"], lang), _phase(c["to"], lang)
            )
            for c in changes["items"]
        ]
        title = md("rollup.phase_changes", lang, count=changes["count"])
        blocks.append(section(Mrkdwn("\n").join([title, *lines])))
    if view["overdue_by_person"]:
        owners = Mrkdwn(", ").join(
            md("stats.owner_line", lang, who=mention(who), count=n)
            for who, n in view["overdue_by_person"][:OWNERS]
        )
        # kept before 2026-12-03, a view listed every owner and no total
        total = view.get("overdue", sum(n for _, n in view["overdue_by_person"]))
        blocks.append(section(md("rollup.overdue", lang, count=total, owners=owners)))
    delivery = view.get("delivery")  # roll-ups kept before it was shown have none
    lines = delivery_lines(delivery, lang) if delivery else []
    if lines:
        blocks.append(section(Mrkdwn("\n").join([md("rollup.delivery", lang), *lines])))
    return blocks


def delivery_lines(delivery: View, lang: Lang) -> list[Mrkdwn]:
    """What the team owes its customers after the contract (bot/customers/team_delivery.py):
    only what there is."""
    tz = ZoneInfo(delivery.get("tz") or "UTC")
    lines: list[Mrkdwn] = []
    feedback = delivery["feedback"]
    if feedback["count"]:
        key = "rollup.feedback_late" if feedback["late"] else "rollup.feedback"
        lines.append(md(key, lang, count=feedback["count"], late=feedback["late"]))
        lines += [feedback_line(i, lang, tz, named=True) for i in feedback["items"]]
        if feedback["count"] > len(feedback["items"]):
            left = feedback["count"] - len(feedback["items"])
            lines.append(Mrkdwn("  ") + md("stats.more", lang, count=left))
    changes = delivery["changes"]
    if changes["count"]:
        key = "rollup.changes_waiting" if changes["waiting"] else "rollup.changes"
        lines.append(md(key, lang, **changes))
    late = delivery["service_late"]
    if late["count"]:
        lines.append(md("rollup.service_late", lang, **late))
    budget = delivery["budget"]
    if budget["plans"]:
        planned, spent = money(budget["planned"], lang), money(budget["spent"], lang)
        lines.append(md("rollup.budget", lang, plans=budget["plans"], planned=planned, spent=spent))
    return lines


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
            name=clip(d["name"], 60),
            before=t(f"health.light.{d['before']}", lang),
            after=t(f"health.light.{d['light']}", lang),
            score=d["score"],
            reason=item_reason(d, lang),
        )
        for d in drops[:10]
    ]
    more = [t("stats.more", lang, count=len(drops) - 10)] if len(drops) > 10 else []
    return section(t("health.dropped", lang, lines="\n• " + "\n• ".join(lines + more)))


def _listed(title: Mrkdwn, listed: View, lang: Lang) -> Mrkdwn:
    lines = [title, *(Mrkdwn("  ") + item_line(i, lang) for i in listed["items"])]
    if listed["count"] > len(listed["items"]):
        left = listed["count"] - len(listed["items"])
        lines.append(Mrkdwn("  ") + md("stats.more", lang, count=left))
    return Mrkdwn("\n").join(lines)


def _phase(phase: str, lang: Lang) -> str:
    return t(f"phase.{phase}", lang)
