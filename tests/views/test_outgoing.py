"""The last word before anything leaves for Slack: a broadcast (`<!channel>`, `<!here>`,
`<!everyone>`, `<!subteam^…>`) that a builder let through is escaped wherever Slack parses
markup; what Slack shows as written and what is data are left as they are."""

from __future__ import annotations

import json

import pytest

from bot.views.outgoing import quiet

BROADCASTS = ["<!channel>", "<!here>", "<!everyone|everyone>", "<!group>", "<!subteam^S1|devs>"]


@pytest.mark.parametrize("broadcast", BROADCASTS)
def test_a_broadcast_in_parsed_text_is_escaped(broadcast: str) -> None:
    message = {
        "text": f"hi {broadcast}",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": broadcast}}],
        "attachments": [{"pretext": broadcast, "fallback": broadcast}],
    }

    quieted = json.dumps(quiet(message))

    assert broadcast not in quieted and "&lt;!" in quieted


def test_our_own_mentions_channels_dates_and_links_go_out_as_they_are() -> None:
    ours = "<@U1> in <#C1> at <!date^1790000000^{date}|today> <https://x.example|x>"
    message = {"text": ours, "blocks": [{"type": "context", "elements": []}]}

    assert quiet(message) is message


def test_text_shown_as_written_and_data_are_left_alone() -> None:
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "<!channel>"},
        "private_metadata": '{"name": "<!channel>"}',
        "blocks": [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "<!here>"},
                        "value": "<!here>",
                    }
                ],
            }
        ],
    }

    assert quiet({"view": view, "trigger_id": "t"})["view"] is view


def test_blocks_sent_as_a_json_string_are_read_and_quieted() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "<!channel>"}}]

    quieted = quiet({"channel": "C1", "blocks": json.dumps(blocks)})

    assert json.loads(quieted["blocks"])[0]["text"]["text"] == "&lt;!channel&gt;"


def test_a_file_comment_is_quieted_and_its_title_kept() -> None:
    files = json.dumps([{"id": "F1", "title": "<!channel> list"}])

    quieted = quiet({"files": files, "initial_comment": "<!here> the list"})

    assert quieted == {"files": files, "initial_comment": "&lt;!here&gt; the list"}
