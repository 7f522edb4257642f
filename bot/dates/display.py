"""Dates and times as a person reads them: in their language and in a time zone.

Every date Rapport shows to a person goes through here, so that no Chinese message carries
an English date: `format_moment(due, "zh", ZoneInfo("Asia/Shanghai"))` →
`2026年11月30日 周一 09:00（Asia/Shanghai）`; in English
`Mon 30 Nov 2026, 09:00 (Asia/Shanghai)`. Pure functions: the moment, the language and the
zone are arguments; the words come from the catalog, never from the machine's locale.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from bot.i18n import Lang, t


def format_moment(moment: datetime, lang: Lang, zone: tzinfo, *, zone_shown: bool = True) -> str:
    """`moment` (aware) on the wall clock of `zone`, with the zone's name unless told not to
    (a list whose heading already says the zone)."""
    local = moment.astimezone(zone)
    when = t(
        "date.moment",
        lang,
        weekday=t(f"weekday.{local.weekday()}", lang),
        day=local.day,
        month=t(f"month.{local.month}", lang),
        year=local.year,
        time=f"{local.hour:02d}:{local.minute:02d}",
    )
    return t("date.in_zone", lang, when=when, zone=zone_name(zone)) if zone_shown else when


def format_day(day: date, lang: Lang) -> str:
    """A calendar day with no time: `2026年11月30日 周一` / `Mon 30 Nov 2026`. Give a
    datetime as `.astimezone(zone).date()`: which day it is depends on the zone."""
    return t(
        "date.day",
        lang,
        weekday=t(f"weekday.{day.weekday()}", lang),
        day=day.day,
        month=t(f"month.{day.month}", lang),
        year=day.year,
    )


def slack_moment(moment: datetime, lang: Lang, zone: tzinfo) -> str:
    """For what many people read (channel posts, cards): Slack shows each reader the moment
    in their own zone; where it cannot (notifications, the console) the text after `|`
    shows, formatted here."""
    fallback = format_moment(moment, lang, zone)
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def slack_day(moment: datetime, lang: Lang, zone: tzinfo) -> str:
    """As slack_moment, for a day without its time (milestones, phase changes)."""
    fallback = format_day(moment.astimezone(zone).date(), lang)
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}}|{fallback}>"


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or zone.tzname(None) or "UTC"
