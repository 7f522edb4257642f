"""Weekly project briefs (channels) and team digests (managers) as Block Kit.

Every list that is cut says how many more there are; a message never drops a customer
without saying so.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.dates.display import format_day, format_moment
from bot.i18n import Lang, t
from bot.store.models import Delivery, Schedule
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    channel_link,
    clip,
    context,
    header,
    labelled,
    md,
    mention,
    section,
)
from bot.views.reminders import render_reminder
from bot.views.rollups import build_rollup, drops_block, item_health, item_reason
from bot.views.surveys import feedback_line


def render_delivery(delivery: Delivery, lang: Lang, now: datetime) -> Reply | None:
    if delivery.kind in ("brief", "brief_copy"):
        return build_brief(delivery.payload.get("content"), delivery.payload, delivery.period, lang)
    if delivery.kind == "digest":
        return build_digest(delivery.payload.get("content"), delivery.period, lang)
    if delivery.kind == "rollup":
        return build_rollup(delivery.payload.get("content"), lang)
    return render_reminder(delivery, lang, now)


def build_brief_setting(schedule: Schedule, lang: Lang) -> Reply:
    """The channel's weekly brief as it is now set: on (day, hour, zone) or off."""
    state = (
        t(
            "brief.state_on",
            lang,
            day=t(f"weekday.{schedule.weekday}", lang),
            hour=schedule.hour,
            tz=schedule.tz,
        )
        if schedule.enabled
        else t("brief.state_off", lang)
    )
    return Reply(t("brief.settings", lang, state=state))


def build_brief(
    content: dict[str, Any] | None, payload: dict[str, Any], week: str, lang: Lang
) -> Reply | None:
    """None when the week has nothing to say: then nothing is posted."""
    if not content:
        return None
    tz = ZoneInfo(payload.get("tz") or "UTC")
    title = t("brief.title", lang, week=_week(week, lang))
    blocks: list[Block] = [header(title)]
    if content.get("channel"):  # the linker's full copy of a shared channel's brief
        copy_of = md("brief.copy_of", lang, channel=channel_link(content["channel"]))
        blocks.append(context(copy_of))
    notes: list[Block] = []
    if content.get("withheld_for"):
        who = Mrkdwn(", ").join(mention(user) for user in content["withheld_for"])
        notes.append(context(md("brief.withheld", lang, who=who)))
    room = MESSAGE_BLOCK_LIMIT - len(blocks) - len(notes) - 1  # one for "+N more customers"
    customers = content["customers"]
    shown = 0
    for customer in customers:
        sections = [section(text) for text in _in_sections(_customer_lines(customer, lang, tz))]
        if len(sections) > room:
            break
        blocks += sections
        room -= len(sections)
        shown += 1
    if shown < len(customers):
        blocks.append(context(t("brief.more_customers", lang, count=len(customers) - shown)))
    return Reply(text=title, blocks=blocks + notes)


def _customer_lines(c: dict[str, Any], lang: Lang, tz: ZoneInfo) -> list[Mrkdwn]:
    tier = f" · {c['tier']}" if c.get("tier") else ""
    phase = md(
        "brief.phase", lang, phase=t(f"phase.{c['phase']}", lang), primary=mention(c["primary"])
    )
    lines = [Mrkdwn("*{}* ({}){} · {}").format(c["name"], c["handle"], tier, phase)]
    if c.get("health"):  # never where the customer reads along (shared_view leaves it out)
        health = c["health"]
        lines[0] += Mrkdwn(" · {} ({})").format(
            item_health(health, lang), item_reason(health, lang)
        )
    lines += [  # a customer's projects, by name: several may share a channel's brief
        md(
            "brief.project",
            lang,
            name=clip(p["name"], 100),
            phase=t(f"phase.{p['phase']}", lang),
            manager=mention(p["manager"]),
        )
        for p in c.get("projects", [])
    ]
    if c["records"]:
        lines.append(md("brief.records", lang, count=c["records"]))
        for h in c["highlights"]:
            kind = t("kind." + h["kind"], lang)
            step = f" → {clip(h['next'], 100)}" if h["next"] else ""
            lines.append(Mrkdwn("  › {}: {}{}").format(kind, clip(h["summary"], 150), step))
        if c["highlights"]:  # none where the customer reads along: the count says it all
            lines += _more(c["records"] - len(c["highlights"]), lang)
    if c.get("shared") and c.get("due_total"):  # where the customer reads along: a count
        lines.append(md("brief.due_count", lang, count=c["due_total"]))
    item = Mrkdwn("  • {} — {} · {}")
    for key, title in (("due", "brief.next_steps"), ("overdue", "brief.overdue")):
        lines += _listed(
            title,
            [
                item.format(
                    clip(i["title"], 150), _when(i["due_at"], lang, tz), mention(i["owner"])
                )
                for i in c[key]
            ],
            _total(c, key),
            lang,
        )
    for key, title in (
        ("milestones_overdue", "brief.milestones_overdue"),
        ("milestones", "brief.milestones"),
    ):
        milestones = c.get(key, [])  # briefs claimed before overdue ones were apart: none
        lines += _listed(
            title,
            [
                Mrkdwn("  ◻️ {}{} — {}").format(
                    _project(m), clip(m["title"], 150), _when(m["due_at"], lang, tz)
                )
                for m in milestones
            ],
            _total(c, key),
            lang,
        )
    lines += _listed(  # change requests still moving: internal (shared_view has none)
        "brief.changes",
        [_change_line(r, lang, tz) for r in c.get("changes", [])],
        _total(c, "changes"),
        lang,
    )
    lines += _listed(  # feedback items still open: internal (shared_view has none)
        "brief.feedback",
        [feedback_line(i, lang, tz) for i in c.get("feedback", [])],
        _total(c, "feedback"),
        lang,
    )
    if c["phase_changes"]:
        changes = ", ".join(
            t("phase." + p["from"], lang) + " → " + t("phase." + p["to"], lang)
            for p in c["phase_changes"]
        )
        more = Mrkdwn("").join(_more(_total(c, "phase_changes") - len(c["phase_changes"]), lang))
        line = Mrkdwn("_{}_: {}{}").format(t("brief.phase_changes", lang), changes, more)
        lines.append(line)
    return lines


def _change_line(request: dict[str, Any], lang: Lang, tz: ZoneInfo) -> Mrkdwn:
    """`• CR-3 增加月度报表 — waiting for the customer since 23 Nov · @pm`, marked new or late."""
    waiting = t(f"brief.change_waiting.{request['state']}", lang)
    line = Mrkdwn("  • CR-{} {} — {} {} · {}").format(
        request["number"],
        clip(request["summary"], 150),
        waiting,
        _when(request["since"], lang, tz),
        mention(request["owner"]),
    )
    if request.get("overdue"):
        line += Mrkdwn(" ") + md("brief.change_overdue", lang)
    elif request.get("new"):
        line += Mrkdwn(" ") + md("brief.change_new", lang)
    return line


def _project(milestone: dict[str, Any]) -> str:
    """`[ERP实施] `: which project a milestone is of, when it is a project's (text)."""
    project = milestone.get("project")
    return f"[{clip(project, 60)}] " if project else ""


def _listed(title: str, lines: list[Mrkdwn], total: int, lang: Lang) -> list[Mrkdwn]:
    if not lines:
        return []
    return [Mrkdwn("_{}_").format(t(title, lang)), *lines, *_more(total - len(lines), lang)]


def _more(count: int, lang: Lang) -> list[Mrkdwn]:
    return [Mrkdwn("  ") + md("brief.more", lang, count=count)] if count > 0 else []


def _total(c: dict[str, Any], key: str) -> int:
    return c.get(f"{key}_total", len(c.get(key, [])))


def _in_sections(lines: list[Mrkdwn]) -> list[Mrkdwn]:
    """Lines joined into texts that each fit one section: nothing is clipped away."""
    texts: list[Mrkdwn] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= SECTION_TEXT_LIMIT:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def build_digest(content: dict[str, Any] | None, week: str, lang: Lang) -> Reply | None:
    if not content:
        return None
    title = t("digest.title", lang, week=_week(week, lang))
    people = [
        md("digest.by_person", lang, who=mention(who), count=count)
        for who, count in content["by_person"]
    ]
    if content.get("more_people"):
        people.append(
            md(
                "digest.more_people",
                lang,
                count=content["more_people"],
                records=content["more_records"],
            )
        )
    statuses = " · ".join(f"{t(f'status.{s}', lang)} {n}" for s, n in content["by_status"])
    phases = " · ".join(f"{t(f'phase.{p}', lang)} {n}" for p, n in content["by_phase"])
    activity = md("digest.activity", lang, count=content["records"])
    by_status, by_phase = t("digest.by_status", lang), t("digest.by_phase", lang)
    blocks: list[Block] = [
        header(title),
        section(Mrkdwn("\n").join([activity, *people])),
        section(
            labelled(by_status, statuses, lang, bold=True)
            + Mrkdwn("\n")
            + labelled(by_phase, phases, lang, bold=True)
        ),
        context(t("digest.overdue", lang, count=content["overdue"])),
    ]
    if content.get("missed_targets"):  # requests and complaints answered late (快速响应)
        blocks.append(section(_missed_targets(content, lang)))
    if content.get("drops"):  # health dropped across a threshold since the last digest
        blocks.append(drops_block(content["drops"], lang))
    return Reply(text=title, blocks=blocks)


def _missed_targets(content: dict[str, Any], lang: Lang) -> Mrkdwn:
    lines = []
    for item in content["missed_targets"]:
        targets = t("readable.separator", lang).join(
            t(f"service.target.{m}", lang) for m in item["missed"]
        )
        line = Mrkdwn("  • ") + md(
            "digest.missed_line",
            lang,
            customer=item["customer"],
            handle=item["handle"],
            kind=t(f"kind.{item['kind']}", lang),
            targets=targets,
            owner=mention(item["owner"]),
        )
        if item.get("open"):
            line += Mrkdwn(" ") + md("digest.still_open", lang)
        lines.append(line)
    shown = [md("digest.missed_targets", lang, count=content["missed_targets_total"]), *lines]
    return Mrkdwn("\n").join(shown + _more(content["missed_targets_total"] - len(lines), lang))


def _when(iso: str, lang: Lang, tz: ZoneInfo) -> str:
    """In the channel's zone, set with the brief's schedule (the heading names the week)."""
    return format_moment(datetime.fromisoformat(iso), lang, tz, zone_shown=False)


def _week(period: str, lang: Lang) -> str:
    """A delivery's period is the local day it is for (2026-11-30)."""
    try:
        return format_day(date.fromisoformat(period), lang)
    except ValueError:
        return period
