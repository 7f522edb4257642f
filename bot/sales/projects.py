"""Projects (项目): every signed order has one (004), with a project manager, members, a start
and a planned end, its own place in the relations plan's phases, milestones copied from the
phase template of the Customer Relations Plan (000 §2.2–2.4) and a project channel that gets
the weekly brief. A customer may have several; each milestone says which project it is of.
Nothing is deleted: a project is closed or cancelled."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.phases import PHASES
from bot.dates.understand import at_local
from bot.errors import Invalid, Message
from bot.i18n import Lang, t
from bot.sales.history import record_on_card
from bot.store.models import Customer, Milestone
from bot.store.plans import add_project_milestones
from bot.store.sales_models import Contract, Project

MAX_NAME = 200
MAX_MEMBERS = 30
CHANNEL_NAME = re.compile(r"^[a-z0-9_\-]{1,80}$")  # Slack's rule for conversations.create
MILESTONE_HOUR = time(9)
PROJECT_PHASES = ("post_contract", "implementation", "close_out", "lcm")
# The phase template (000): each milestone, the phase it belongs to, and where it falls
# between the start (0) and the planned end (1).
TEMPLATE = (
    ("kickoff", "post_contract", 0.02),  # §2.2 conducting a customer kickoff meeting
    ("baseline", "post_contract", 0.10),  # §2.2 finalizing the baseline project plan
    ("site", "implementation", 0.35),  # §2.3 preparing and installing customer sites
    ("training", "implementation", 0.60),  # §2.3 training customer personnel
    ("acceptance", "implementation", 0.85),  # §2.3 customer testing and acceptance
    ("closeout", "close_out", 1.0),  # §2.4 transitioning, satisfaction review
)


@dataclass(frozen=True)
class ProjectDraft:
    name: str
    manager_id: str
    members: tuple[str, ...]
    starts_on: date
    ends_on: date
    contract_id: int | None = None
    channel_id: str = ""  # an existing channel to link
    new_channel: str = ""  # or the name of one to create
    private: bool = True


def template_days(starts_on: date, ends_on: date) -> list[tuple[str, date]]:
    """Each template milestone's day: its share of the span, never before the start."""
    span = (ends_on - starts_on).days
    return [(key, starts_on + timedelta(days=round(span * share))) for key, _, share in TEMPLATE]


def channel_name(text: str) -> str:
    """What Slack accepts for a new channel: lower case, words joined by hyphens."""
    typed = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s.]+", "-", typed)


def suggested_channel(customer: Customer, contract: Contract | None) -> str:
    """`proj-hp-ht-2026-001`: a name Slack accepts, from the card's short name and the
    contract's number (ASCII parts only)."""
    parts = ["proj", customer.handle, contract.number if contract else ""]
    name = channel_name("-".join(p for p in parts if p))
    return re.sub(r"[^a-z0-9_\-]", "", name).strip("-")[:80] or "proj"


def check_project(draft: ProjectDraft) -> None:
    errors: dict[str, Message] = {}
    if not draft.name.strip():
        errors["name"] = Message("project.name_required")
    elif len(draft.name) > MAX_NAME:
        errors["name"] = Message("field.too_long", {"limit": MAX_NAME})
    if not draft.manager_id:
        errors["manager_id"] = Message("project.manager_required")
    if len(draft.members) > MAX_MEMBERS:
        errors["members"] = Message("project.members_many", {"most": MAX_MEMBERS})
    if draft.ends_on < draft.starts_on:
        errors["ends_on"] = Message("project.end_before_start")
    if draft.channel_id and draft.new_channel:
        errors["new_channel"] = Message("project.channel_both")
    elif draft.new_channel and not CHANNEL_NAME.match(draft.new_channel):
        errors["new_channel"] = Message("project.channel_name", {"name": draft.new_channel})
    if errors:
        raise Invalid(errors)


async def create_project(
    *,
    session: AsyncSession,
    customer: Customer,
    actor_id: str,
    draft: ProjectDraft,
    lang: Lang,
    tz: ZoneInfo,
    now: datetime,
) -> tuple[Project, list[Milestone]]:
    """The project and its milestones from the phase template, titled in `lang`, due at
    09:00 in `tz` on their days."""
    check_project(draft)
    assert customer.id is not None
    project = Project(
        team_id=customer.team_id,
        customer_id=customer.id,
        contract_id=draft.contract_id,
        name=draft.name.strip(),
        manager_id=draft.manager_id,
        members=list(dict.fromkeys(draft.members)),
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
    )
    session.add(project)
    await session.flush()
    assert project.id is not None
    template = [
        Milestone(
            team_id=customer.team_id,
            customer_id=customer.id,
            project_id=project.id,
            title=t(f"template.{key}", lang),
            kind=key,  # "acceptance" makes marking it done an acceptance (issue 21)
            due_at=at_local(day, MILESTONE_HOUR, tz),
            tz=tz.key,
            created_by=actor_id,
            created_at=now,
        )
        for key, day in template_days(draft.starts_on, draft.ends_on)
    ]
    milestones = await add_project_milestones(
        session=session, project_id=project.id, milestones=template
    )
    await record_on_card(
        session,
        project,
        actor_id,
        now,
        "project_add",
        {
            "project": [None, project.name],
            "project_manager": [None, project.manager_id],
            "starts_on": [None, project.starts_on.isoformat()],
            "ends_on": [None, project.ends_on.isoformat()],
            "milestones": [None, len(milestones)],
        },
    )
    return project, milestones


async def set_channel(
    *, session: AsyncSession, project: Project, channel_id: str, actor_id: str, now: datetime
) -> None:
    if project.channel_id == channel_id:
        return
    before = project.channel_id or None
    project.channel_id, project.updated_by, project.updated_at = channel_id, actor_id, now
    changes = {"project": [project.name, project.name], "channel": [before, channel_id]}
    await record_on_card(session, project, actor_id, now, "project_channel", changes)


async def move_project(
    *, session: AsyncSession, project: Project, phase: str, actor_id: str, now: datetime
) -> None:
    if phase not in PHASES or phase == "pre_contract":
        raise Invalid({"phase": Message("project.phase_unknown")})
    if phase == project.phase:
        return
    changes: dict[str, object] = {
        "project": [project.name, project.name],
        "phase": [project.phase, phase],
    }
    project.phase, project.updated_by, project.updated_at = phase, actor_id, now
    await record_on_card(session, project, actor_id, now, "project_phase", changes)
