"""Block Kit text as Slack shows it to one reader: dates in their zone, names for ids."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.console.people import People, Someone
from bot.console.render import Reader, mrkdwn_to_text, render_blocks

WHEN = "<!date^1795309200^{date_short_pretty} {time}|2026-11-22 01:00 UTC>"  # a Sunday


def test_a_date_token_reads_in_the_readers_zone_and_language() -> None:
    shanghai = Reader(tz=ZoneInfo("Asia/Shanghai"), lang="en")
    berlin_zh = Reader(tz=ZoneInfo("Europe/Berlin"), lang="zh")

    assert mrkdwn_to_text(WHEN, shanghai) == "Sun 22 Nov 2026 09:00"
    assert mrkdwn_to_text(WHEN, berlin_zh) == "2026年11月22日 周日 02:00"
    assert mrkdwn_to_text(WHEN) == "2026-11-22 01:00 UTC"  # no reader: Slack's fallback


def test_a_mention_shows_the_persons_name() -> None:
    reader = Reader(names={"U_LI": "李娜"})

    assert mrkdwn_to_text("shared with <@U_LI> and <@U_X|x>", reader) == "shared with @李娜 and @x"


def test_at_name_becomes_the_escaped_mention_slack_sends() -> None:
    people = People(
        [Someone("U_LI", "李娜", "en-US", "UTC"), Someone("U_ZHAO", "赵敏", "zh-CN", "UTC")]
    )

    assert people.escape_mentions("share hp @li") == "share hp <@U_LI|li>"
    assert people.escape_mentions("share hp @赵敏.") == "share hp <@U_ZHAO|zhao>."
    assert people.escape_mentions("mail li@example.com, @nobody") == "mail li@example.com, @nobody"


def test_plain_text_shows_as_written_and_mrkdwn_as_read() -> None:
    """As Slack does: a header shows what someone typed; a section reads its escapes."""
    typed = "<@U1> &amp; co"
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": typed}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "&lt;@U1&gt; &amp;amp; co"}},
    ]

    assert render_blocks(blocks).count(typed) == 2
