"""One sweep: claim what is due in a short transaction, read what it says and who may still
read it, post it with no lock held, record the outcome. Run by the clock every ~30 s, by
`rapport jobs run`, and by the tests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.due.items import Build, Finder, Payload, Step
from bot.due.readers import Reader, Sight, cards_told, screened, sights_of
from bot.due.reminders import after_reminder_claim, due_reminders
from bot.i18n import Lang, pick_language
from bot.jobs.outcomes import POSTING, Outcomes
from bot.jobs.poster import Poster
from bot.jobs.tokens import TokenSource
from bot.metrics import Metrics
from bot.store.db import Database
from bot.store.deliveries import claim_new, reclaim_expired
from bot.store.models import Delivery
from bot.store.profiles import profiles_of
from bot.views.blocks import Reply

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 5
Render = Callable[[Delivery, Lang, datetime], Reply | None]
Recipient = tuple[Lang, str]  # a person's language and time zone (their Slack profile's)
# a person's channels, asked with their workspace's token; None: Slack could not say
ChannelsOf = Callable[[str, str], Awaitable[frozenset[str] | None]]
INACTIVE = "workspace_inactive"  # the error recorded on a delivery skipped for it


@dataclass
class Told:
    """What each claimed delivery may tell its recipient (by delivery id; None: nothing),
    and the deliveries whose recipient's channels Slack could not say (tried again later)."""

    payloads: dict[int, Payload | None] = field(default_factory=dict)
    unsure: set[int] = field(default_factory=set)


@dataclass
class SweepReport:
    claimed: int = 0
    sent: list[str] = field(default_factory=list)
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    left_for_retry: int = 0

    def lines(self) -> list[str]:
        return [
            *(f"sent {line}" for line in self.sent),
            *(f"failed {f}" for f in self.failed),
            f"{self.claimed} claimed, {len(self.sent)} sent, {self.skipped} skipped, "
            f"{len(self.failed)} failed, {self.left_for_retry} left for retry",
        ]


class Sweeper:
    def __init__(
        self,
        db: Database,
        poster: Poster,
        render: Render,
        *,
        worker: str,
        tokens: TokenSource,
        channels_of: ChannelsOf | None = None,
        admins: frozenset[str] = frozenset(),
        metrics: Metrics | None = None,
    ) -> None:
        """`tokens`: each workspace's bot token; `channels_of`: a person's channels, from
        Slack (cards shared with a channel are seen by its members); `admins`: people named
        admins by the deployment."""
        self.db, self.poster, self.render, self.worker = db, poster, render, worker
        self.tokens, self.metrics = tokens, metrics or Metrics()
        self.channels_of, self.admins = channels_of, admins

    async def run(
        self,
        now: datetime,
        find: Finder = due_reminders,
        after_claim: Step | None = None,
        prepare: Step | None = None,
        build: Build | None = None,
    ) -> SweepReport:
        """Claim (one short write transaction), build what the claimed ones need kept (its
        own transactions, after the claim's commit), prepare and check readers (a read),
        post (no transaction)."""
        async with self.db.transaction(write=True) as session:
            dues = await find(session, now)
            claimed = await claim_new(
                session=session,
                rows=[d.row() for d in dues],
                worker=self.worker,
                now=now,
                lease=LEASE,
            )
            await (after_claim or after_reminder_claim)(session, claimed, now)
            claimed += await reclaim_expired(
                session=session, worker=self.worker, now=now, lease=LEASE
            )
        sights: dict[Reader, Sight] = {}
        if claimed and build is not None:
            await build(self.db, claimed, now)
        if claimed:
            async with self.db.transaction() as session:
                if prepare is not None:
                    await prepare(session, claimed, now)
                sights = await sights_of(session, claimed, admins=self.admins)
        return await self.deliver(claimed, now, sights)

    async def deliver(
        self, claimed: list[Delivery], now: datetime, sights: dict[Reader, Sight]
    ) -> SweepReport:
        report = SweepReport(claimed=len(claimed))
        if not claimed:
            return report
        languages = await self._languages(claimed)
        tokens = await self.tokens.tokens_for(d.team_id for d in claimed)
        told = await self._told(claimed, sights, tokens)
        outcomes = Outcomes(self.db, worker=self.worker, now=now)
        await asyncio.gather(
            *(self._deliver_one(d, told, languages, tokens, now, report, outcomes) for d in claimed)
        )
        return report

    async def _told(
        self, claimed: list[Delivery], sights: dict[Reader, Sight], tokens: dict[str, str | None]
    ) -> Told:
        """What each delivery may tell its recipient as of now. Slack is asked for a person's
        channels only where a card would be seen through one of them alone."""
        told = Told()
        channels: dict[Reader, frozenset[str] | None] = {}
        for delivery in claimed:
            reader = (delivery.team_id, delivery.target)
            ids, sight = cards_told(delivery), sights.get(reader)
            seen = frozenset[str]()
            if ids and sight is not None and sight.needs_channels(ids):
                if reader not in channels:
                    token = tokens.get(delivery.team_id)
                    channels[reader] = await self._channels(token, delivery.target)
                if (found := channels[reader]) is None:
                    told.unsure.add(delivery.id or 0)
                    continue
                seen = found
            told.payloads[delivery.id or 0] = screened(delivery, _seeing(sight, seen))
        return told

    async def _channels(self, token: str | None, user: str) -> frozenset[str] | None:
        if token is None:  # an inactive workspace: its deliveries are skipped anyway
            return frozenset()
        return await self.channels_of(token, user) if self.channels_of else frozenset()

    async def _deliver_one(
        self,
        delivery: Delivery,
        told: Told,
        languages: dict[tuple[str, str], Recipient],
        tokens: dict[str, str | None],
        now: datetime,
        report: SweepReport,
        outcomes: Outcomes,
    ) -> None:
        """Mark the post begun, post, then record it at once (in the next group commit). A
        claim taken over after a crash whose post had begun is looked for in Slack first (its
        metadata names it), so a crash between Slack's answer and the record posts nothing
        twice."""
        token = tokens.get(delivery.team_id)
        if token is None:  # uninstalled (or never installed): kept, and recorded as skipped
            status, error = "skipped", INACTIVE
        elif await self._posted_before_crash(delivery, token):
            status, error = "sent", ""
        else:
            status, error = await self._post(delivery, told, languages, token, now, outcomes)
        line = f"{delivery.kind} {delivery.item_key} → {delivery.target}"
        self.metrics.posts.labels(delivery.kind, status).inc()
        if status == "retry":
            report.left_for_retry += 1
            return
        await outcomes.record(delivery.id or 0, status, error)
        if status == "sent":
            report.sent.append(line)
        elif status == "skipped":
            report.skipped += 1
        else:
            report.failed.append(f"{line}: {error}")

    async def _posted_before_crash(self, delivery: Delivery, token: str) -> bool:
        """A claim taken over whose post had begun may have reached Slack just before its
        claimer died: look for it there (its metadata names it) rather than post it twice."""
        if delivery.posting_at is None:
            return False
        found = await self.poster.find_posted(
            delivery.target, delivery.id or 0, since=delivery.posting_at, token=token
        )
        if found:
            log.info("delivery %s was posted before its claimer stopped", delivery.id)
        return bool(found)

    async def _post(
        self,
        delivery: Delivery,
        told: Told,
        languages: dict[tuple[str, str], Recipient],
        token: str,
        now: datetime,
        outcomes: Outcomes,
    ) -> tuple[str, str]:
        if (delivery.id or 0) in told.unsure:  # who may read it is not known yet
            return ("retry", "") if delivery.attempts < MAX_ATTEMPTS else ("skipped", "")
        payload = told.payloads.get(delivery.id or 0)
        if payload is None:  # its recipient may no longer see what it tells
            return "skipped", ""
        delivery.payload = payload
        # a channel has no language: it speaks its schedule's
        reader = languages.get((delivery.team_id, delivery.target))
        lang = reader[0] if reader else pick_language(delivery.payload.get("locale"))
        if reader and reader[1] and not delivery.payload.get("tz"):
            # what has no zone of its own (a request's target, a meeting) is told in the
            # reader's, as their other replies are
            delivery.payload = {**delivery.payload, "tz": reader[1]}
        reply = self.render(delivery, lang, now)
        if reply is None:
            return "skipped", ""

        async def begins() -> None:
            await outcomes.record(delivery.id or 0, POSTING)

        posted = await self.poster.post(
            delivery.target,
            reply.as_message(),
            token=token,
            delivery_id=delivery.id,
            before=begins,
        )
        if posted.ok:
            return "sent", ""
        if posted.retry and delivery.attempts < MAX_ATTEMPTS:
            return "retry", posted.error
        return "failed", posted.error

    async def _languages(self, claimed: list[Delivery]) -> dict[tuple[str, str], Recipient]:
        by_team: dict[str, set[str]] = {}
        for delivery in claimed:
            by_team.setdefault(delivery.team_id, set()).add(delivery.target)
        found: dict[tuple[str, str], Recipient] = {}
        async with self.db.transaction() as session:
            for team_id, users in by_team.items():
                for profile in await profiles_of(
                    session=session, team_id=team_id, user_ids=sorted(users)
                ):
                    found[(team_id, profile.user_id)] = (
                        pick_language(profile.locale),
                        profile.tz or "",
                    )
        return found


def _seeing(sight: Sight | None, channels: frozenset[str]) -> Callable[[int], bool]:
    """Whether the recipient sees a card, through `channels` too."""
    return lambda customer_id: sight is not None and sight.sees(customer_id, channels)
