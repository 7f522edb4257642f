"""One sweep: claim what is due in a short transaction, post it with no lock held, record
the outcome. Run by the clock every ~30 s, by `rapport jobs run`, and by the tests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Lang, pick_language
from bot.jobs.due import Due, due_reminders, next_meeting
from bot.jobs.outcomes import POSTING, Outcomes
from bot.jobs.poster import Poster
from bot.jobs.tokens import TokenSource
from bot.metrics import Metrics
from bot.store.db import Database
from bot.store.deliveries import claim_new, reclaim_expired
from bot.store.models import Delivery, FollowUp, PhasePlan
from bot.store.profiles import profiles_of
from bot.views.blocks import Reply

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 5
Render = Callable[[Delivery, Lang, datetime], Reply | None]
Finder = Callable[[AsyncSession, datetime], Awaitable[list[Due]]]
Step = Callable[[AsyncSession, list[Delivery], datetime], Awaitable[None]]


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


INACTIVE = "workspace_inactive"  # the error recorded on a delivery skipped for it


class Sweeper:
    def __init__(
        self,
        db: Database,
        poster: Poster,
        render: Render,
        *,
        worker: str,
        tokens: TokenSource,
        metrics: Metrics | None = None,
    ) -> None:
        self.db, self.poster, self.render, self.worker = db, poster, render, worker
        self.tokens, self.metrics = tokens, metrics or Metrics()

    async def run(
        self,
        now: datetime,
        find: Finder = due_reminders,
        after_claim: Step | None = None,
        prepare: Step | None = None,
    ) -> SweepReport:
        """Claim (one short write transaction), prepare (a read), post (no transaction)."""
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
        if prepare is not None and claimed:
            async with self.db.transaction() as session:
                await prepare(session, claimed, now)
        return await self.deliver(claimed, now)

    async def deliver(self, claimed: list[Delivery], now: datetime) -> SweepReport:
        report = SweepReport(claimed=len(claimed))
        if not claimed:
            return report
        languages = await self._languages(claimed)
        tokens = await self.tokens.tokens_for(d.team_id for d in claimed)
        outcomes = Outcomes(self.db, worker=self.worker, now=now)
        await asyncio.gather(
            *(self._deliver_one(d, languages, tokens, now, report, outcomes) for d in claimed)
        )
        return report

    async def _deliver_one(
        self,
        delivery: Delivery,
        languages: dict[tuple[str, str], Lang],
        tokens: dict[str, str | None],
        now: datetime,
        report: SweepReport,
        outcomes: Outcomes,
    ) -> None:
        """Post, then record it at once (in the next group commit): a crash between the two
        is the only window in which a message could be posted twice (Slack offers no
        idempotency key)."""
        token = tokens.get(delivery.team_id)
        if token is None:  # uninstalled (or never installed): kept, and recorded as skipped
            status, error = "skipped", INACTIVE
        elif await self._posted_before_crash(delivery, token):
            status, error = "sent", ""
        else:
            status, error = await self._post(delivery, languages, token, now, outcomes)
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
        languages: dict[tuple[str, str], Lang],
        token: str,
        now: datetime,
        outcomes: Outcomes,
    ) -> tuple[str, str]:
        # a channel has no language: it speaks its schedule's
        lang = languages.get((delivery.team_id, delivery.target)) or pick_language(
            delivery.payload.get("locale")
        )
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

    async def _languages(self, claimed: list[Delivery]) -> dict[tuple[str, str], Lang]:
        by_team: dict[str, set[str]] = {}
        for delivery in claimed:
            by_team.setdefault(delivery.team_id, set()).add(delivery.target)
        found: dict[tuple[str, str], Lang] = {}
        async with self.db.transaction() as session:
            for team_id, users in by_team.items():
                for profile in await profiles_of(
                    session=session, team_id=team_id, user_ids=sorted(users)
                ):
                    found[(team_id, profile.user_id)] = pick_language(profile.locale)
        return found


async def after_reminder_claim(
    session: AsyncSession, claimed: list[Delivery], now: datetime
) -> None:
    """What only the claimer may do: note the reminded due time (and when), move the next
    meeting on."""
    follow_ups = [d.payload["follow_up_id"] for d in claimed if d.kind == "follow_up"]
    for start in range(0, len(follow_ups), 500):
        await session.exec(
            update(FollowUp)
            .where(col(FollowUp.id).in_(follow_ups[start : start + 500]))
            .values(reminded_for=FollowUp.due_at, reminded_at=now)
        )
    for delivery in claimed:
        if delivery.kind == "meeting":
            plan = await session.get(PhasePlan, delivery.payload["plan_id"])
            if plan is not None and plan.next_meeting_at is not None:
                plan.next_meeting_at = next_meeting(plan.next_meeting_at, plan.cadence, now)
