"""How dates and times are written for people (bot/dates/display.py fills these in)."""

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

DATE_MESSAGES: dict[str, dict[str, str]] = {
    "date.moment": {
        "en": "{weekday} {day} {month} {year}, {time}",
        "zh": "{year}年{month}月{day}日 {weekday} {time}",
    },
    "date.day": {
        "en": "{weekday} {day} {month} {year}",
        "zh": "{year}年{month}月{day}日 {weekday}",
    },
    "date.in_zone": {"en": "{when} ({zone})", "zh": "{when}（{zone}）"},
    **{
        f"month.{number}": {"en": name, "zh": str(number)}
        for number, name in enumerate(_MONTHS_EN, start=1)
    },
}
