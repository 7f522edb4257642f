"""The open-loop benchmark's sustained rate: the highest rate offered up to which every rate
was served — nothing refused, failed or lost, the replies' p99 under a second — for each app
and number of replicas, so that two replicas are compared with one on the same terms."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.openloop import Rate, Sent, replica_for, sustained


def _rate(
    offered: float,
    reply_ms: float,
    *,
    app: str = "rapport",
    replicas: int = 1,
    refused: int = 0,
    lost: int = 0,
) -> Rate:
    sent = [Sent(at=0.0, token=f"t{n}", command="/log", acked=0.01, status=200) for n in range(100)]
    for s in sent[:refused]:
        s.refused = True
    answered = sent[refused:][lost:]
    replies = {s.token: reply_ms / 1000 for s in answered}
    return Rate(app, offered, sent, 1.0, replies, replicas)


def test_the_highest_rate_served_is_the_last_before_the_first_that_was_not() -> None:
    results = [_rate(40, 20), _rate(60, 30), _rate(80, 1_500), _rate(100, 40)]
    assert sustained(results) == ["- Rapport ×1: 60/s"]


def test_a_rate_with_a_command_refused_or_lost_is_not_served() -> None:
    assert sustained([_rate(40, 20), _rate(60, 30, refused=1)]) == ["- Rapport ×1: 40/s"]
    assert sustained([_rate(40, 20), _rate(60, 30, lost=1)]) == ["- Rapport ×1: 40/s"]


def test_each_app_and_number_of_replicas_apart_whatever_order_they_ran_in() -> None:
    results = [
        _rate(200, 5, app="floor-reply"),
        _rate(160, 50, replicas=2),
        _rate(80, 30, replicas=2),
        _rate(80, 2_000),
        _rate(40, 20),
    ]
    assert sustained(results) == [
        "- floor: 200/s",
        "- Rapport ×2: 160/s",
        "- Rapport ×1: 40/s",
    ]


def test_a_lowest_rate_not_served_is_said() -> None:
    assert sustained([_rate(40, 1_000)]) == ["- Rapport ×1: none of the rates tried"]


@pytest.mark.parametrize("replicas", [1, 2, 3, 4])
def test_each_replica_gets_its_share_of_each_command_that_alternates(replicas: int) -> None:
    """Commands alternate (a find, a `/log` line); a plain round robin over two replicas sent
    every find to one and every `/log` line to the other."""
    kinds = ("/customer", "/log")
    sent = Counter((replica_for(n, replicas), kinds[n % 2]) for n in range(240 * replicas))
    assert sent == {(r, kind): 120 for r in range(replicas) for kind in kinds}


def test_consecutive_commands_go_to_replicas_in_turn() -> None:
    assert [replica_for(n, 3) for n in range(3)] == [0, 1, 2]
    assert sorted(replica_for(n, 3) for n in range(3, 6)) == [0, 1, 2]
