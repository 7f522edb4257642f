"""What a delivery may still tell its recipient: only the cards they see, counted again."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.due.readers import cards_told, screened
from bot.store.models import Delivery

DUE = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def delivery(kind: str, payload: dict[str, object], item_key: str = "1") -> Delivery:
    return Delivery(
        team_id="T1",
        kind=kind,
        item_key=item_key,
        period="p",
        target="U_ALICE",
        due_at=DUE,
        payload=payload,
    )


def item(customer_id: int, title: str) -> dict[str, object]:
    return {"follow_up_id": 1, "title": title, "customer": "x", "customer_id": customer_id}


def test_a_digest_lists_and_counts_only_the_cards_its_reader_sees() -> None:
    digest = delivery(
        "overdue_digest",
        {
            "count": 4,
            "items": [item(1, "a"), item(2, "b"), item(1, "c")],
            "counted": [1, 2, 1, 3],
        },
    )

    told = screened(digest, lambda customer_id: customer_id != 2)

    assert told is not None and told["count"] == 3
    assert [i["title"] for i in told["items"]] == ["a", "c"]


def test_a_digest_of_nothing_it_may_tell_is_not_sent() -> None:
    digest = delivery("stale_digest", {"count": 1, "items": [item(2, "b")], "counted": [2]})

    assert screened(digest, lambda _: False) is None


def test_a_reminder_of_one_card_is_all_or_nothing() -> None:
    reminder = delivery("follow_up", {"customer_id": 5, "title": "call"})

    assert screened(reminder, lambda i: i == 5) == reminder.payload
    assert screened(reminder, lambda _: False) is None


def test_a_payload_that_does_not_name_its_cards_tells_nothing() -> None:
    """Claimed by an older version, before card ids were kept: nothing to check it by."""
    assert cards_told(delivery("follow_up", {"title": "call"})) is None
    assert screened(delivery("overdue_digest", {"count": 1, "items": []}), lambda _: True) is None


def test_a_channels_brief_and_a_managers_digest_name_no_card_to_check() -> None:
    assert cards_told(delivery("brief", {"content": {"customers": []}})) == []
    assert cards_told(delivery("digest", {"content": None})) == []
    assert cards_told(delivery("revisit", {"customer": "x"}, item_key="9")) == [9]
