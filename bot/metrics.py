"""What a replica reports at GET /metrics, in Prometheus' text format (prometheus-client).

One registry per service, so several services in one process (the tests) never share
counters. The names, for dashboards and alerts:

- rapport_requests_total{kind,outcome}: requests at /slack/events; outcome `accepted` or the
  refusal's HTTP status (`refused_401`, `refused_413` …)
- rapport_acks_total{kind,status} and rapport_ack_seconds{kind}: the answer Slack got, and how
  long after the request arrived (Slack gives up after 3 s)
- rapport_after_ack_in_flight: listener work acknowledged and still running (its queue)
- rapport_sweep_lag_seconds: how long the oldest due reminder or brief claimed but not yet
  posted has been due (0 when none); rapport_sweep_last_run_timestamp_seconds{sweep}: when
  each sweep last finished on this replica (alert when it stops moving)
- rapport_posts_total{kind,outcome}: scheduled posts sent, skipped, failed, left for retry
- rapport_slack_ratelimited_total{method}: 429 answers from Slack's Web API
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "rapport_requests",
            "Requests at /slack/events by kind and outcome",
            ["kind", "outcome"],
            registry=registry,
        )
        self.acks = Counter(
            "rapport_acks",
            "Answers sent to Slack by kind and HTTP status",
            ["kind", "status"],
            registry=registry,
        )
        self.ack_seconds = Histogram(
            "rapport_ack_seconds",
            "Seconds from a request's arrival to its answer",
            ["kind"],
            buckets=ACK_BUCKETS,
            registry=registry,
        )
        self.after_ack = Gauge(
            "rapport_after_ack_in_flight",
            "Listener work acknowledged and still running",
            registry=registry,
        )
        self.sweep_lag = Gauge(
            "rapport_sweep_lag_seconds",
            "Seconds the oldest claimed, not yet posted, reminder or brief has been due",
            registry=registry,
        )
        self.sweep_last_run = Gauge(
            "rapport_sweep_last_run_timestamp_seconds",
            "When each sweep last finished on this replica (Unix time)",
            ["sweep"],
            registry=registry,
        )
        self.posts = Counter(
            "rapport_posts",
            "Scheduled posts by kind and outcome",
            ["kind", "outcome"],
            registry=registry,
        )
        self.ratelimited = Counter(
            "rapport_slack_ratelimited",
            "429 answers from Slack's Web API by method",
            ["method"],
            registry=registry,
        )

    def watch_in_flight(self, count: Callable[[], int]) -> None:
        self.after_ack.set_function(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)
