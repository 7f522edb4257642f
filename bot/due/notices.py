"""Change notices, batched per project channel and posted exactly once (see
bot/customers/notices.py for what they tell).

Every reminder sweep reads the card events and contact records since each channel's cursor
that are at least SETTLE old — several changes that land together go out as one message —
and proposes one `notice` per channel whose ledger key is the channel and the cursor it
starts from. Two sweeps that read the same cursor propose the same key, so one claims it;
only the claimer moves the cursor (after_notice_claim), past what it told. A change is older
than LOOKBACK, or older than the link, is never told."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.notices import topics_of, topics_of_event
from bot.due.items import Due, Payload
from bot.store.briefs import customers_by_id
from bot.store.models import ContactRecord, Customer, CustomerEvent, Delivery
from bot.store.notices import (
    LinkedRow,
    active_links,
    cursors_of,
    events_between,
    move_cursor,
    new_records_between,
    subscriptions_of,
)
from bot.store.schedules import schedule_of

NOTICE = "notice"
SETTLE = timedelta(seconds=30)
LOOKBACK = timedelta(days=1)
LISTED = 20
EVENT_ACTIONS = ("status", "edit", "value", "merge")


async def due_notices(session: AsyncSession, now: datetime) -> list[Due]:
    links = [link for link in await active_links(session=session) if not link.withheld]
    if not links:
        return []
    channels: dict[tuple[str, str], list[LinkedRow]] = {}
    for link in links:
        channels.setdefault((link.team_id, link.channel_id), []).append(link)
    chosen = await subscriptions_of(
        session=session, team_id=None, channels=sorted({c for _, c in channels})
    )
    hears = {key: topics_of(chosen.get(key, {})) for key in channels}
    cursors = await cursors_of(session=session)
    oldest = min(cursors.get(key, (0, 0)) for key in channels)
    until, since = now - SETTLE, now - LOOKBACK
    events = await events_between(
        session=session, after_id=oldest[0], since=since, until=until, actions=EVENT_ACTIONS
    )
    records = (
        await new_records_between(session=session, after_id=oldest[1], since=since, until=until)
        if any(h["records"] for h in hears.values())
        else []
    )
    names = {
        c.id: c
        for c in await customers_by_id(
            session=session,
            ids=sorted({e.customer_id for e in events} | {r.customer_id for r in records}),
        )
    }
    found = []
    for key, linked in channels.items():
        cursor = cursors.get(key, (0, 0))
        since_link = {link.customer_id: link.linked_at for link in linked}
        items: list[Payload] = []
        for event in events:
            if event.id is None or event.id <= cursor[0]:
                continue
            if event.customer_id not in since_link or event.at < since_link[event.customer_id]:
                continue
            for topic in topics_of_event(event.action, event.changes):
                if hears[key][topic]:
                    items.append(_event_item(topic, event.customer_id, event, names))
        for record in records if hears[key]["records"] else []:
            if record.id is None or record.id <= cursor[1]:
                continue
            linked_at = since_link.get(record.customer_id)
            if linked_at is None or record.created_at < linked_at:
                continue
            items.append(_record_item(record.customer_id, record, names))
        if not items:
            continue
        last_event = max((e.id or 0 for e in events), default=cursor[0])
        last_record = max((r.id or 0 for r in records), default=cursor[1])
        team_id, channel = key
        schedule = await schedule_of(session=session, team_id=team_id, kind="brief", target=channel)
        found.append(
            Due(
                team_id,
                NOTICE,
                f"{team_id}:{channel}",
                f"e{cursor[0]}:r{cursor[1]}",
                channel,
                now,
                {
                    "count": len(items),
                    "items": items[:LISTED],
                    "event_id": max(last_event, cursor[0]),
                    "record_id": max(last_record, cursor[1]),
                    "locale": schedule.locale if schedule else "en-US",
                    "tz": schedule.tz if schedule else "UTC",
                },
            )
        )
    return found


async def after_notice_claim(session: AsyncSession, claimed: list[Delivery], now: datetime) -> None:
    """Only the sweep that claimed a channel's batch moves its cursor past it."""
    for delivery in claimed:
        if delivery.kind == NOTICE:
            await move_cursor(
                session=session,
                team_id=delivery.team_id,
                channel_id=delivery.target,
                event_id=int(delivery.payload["event_id"]),
                record_id=int(delivery.payload["record_id"]),
                now=now,
            )


def _card(customer_id: int, names: dict[int | None, Customer]) -> Payload:
    customer = names.get(customer_id)
    return {
        "customer_id": customer_id,
        "name": customer.legal_name[:200] if customer else "",
        "handle": customer.handle if customer else "",
    }


def _event_item(
    topic: str, customer_id: int, event: CustomerEvent, names: dict[int | None, Customer]
) -> Payload:
    changes = event.changes
    field = {
        "status": "status",
        "manager": "manager_id",
        "value": "value_tier",
        "merge": "duplicate",
    }[topic]
    before, after = (changes.get(field) or [None, None])[:2]
    item = {
        **_card(customer_id, names),
        "topic": topic,
        "actor": event.actor_id,
        "from": before,
        "to": after,
    }
    if topic == "status":
        level = changes.get("level")
        item["level"] = level[1] if level else None
        if before is None and after is None:  # only the level moved
            item["from"] = item["to"] = None
    return item


def _record_item(
    customer_id: int, record: ContactRecord, names: dict[int | None, Customer]
) -> Payload:
    return {
        **_card(customer_id, names),
        "topic": "records",
        "actor": record.author_id,
        "kind": record.kind,
        "summary": record.summary[:200],
    }
