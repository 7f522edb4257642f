"""The words for weekdays and months that the date rules read, English and Chinese."""

from __future__ import annotations

import calendar

WEEKDAYS_EN = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_ZH_DAY_NAMES = ["一1", "二2", "三3", "四4", "五5", "六6", "日天7"]
WEEKDAYS_ZH = {day: n for n, days in enumerate(_ZH_DAY_NAMES) for day in days}
MONTHS_EN = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS_EN["sept"] = 9
MONTH_WORDS = {  # which month a day of the month is in: 0 this one, 1 the next
    "next": 1,
    "下个月": 1,
    "下月": 1,
    "this": 0,
    "这个月": 0,
    "这月": 0,
    "本月": 0,
}
