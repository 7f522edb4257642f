"""The relationship phases of the customer relations plan (000 §2) and their transitions.

Responsibility for the primary contact changes at transitions, so every change records
the outgoing and incoming primary contact and the handover note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import CADENCES
from bot.customers.form import FormInvalid, Message
from bot.customers.names import normalize
from bot.dates.rules import DEFAULT_TIME
from bot.dates.understand import at_local
from bot.store.card_history import record_event
from bot.store.customers import add
from bot.store.models import Contact, Customer, Milestone, PhaseChange, PhasePlan
from bot.store.plans import PhaseTerms
from bot.store.types import saved_id

PHASES = ("pre_contract", "post_contract", "implementation", "close_out", "lcm")
PHASE_WORDS = {
    "pre-contract": "pre_contract",
    "pre_contract": "pre_contract",
    "precontract": "pre_contract",
    "pre": "pre_contract",
    "签约前": "pre_contract",
    "post-contract": "post_contract",
    "post_contract": "post_contract",
    "postcontract": "post_contract",
    "post": "post_contract",
    "签约后": "post_contract",
    "implementation": "implementation",
    "实施": "implementation",
    "close-out": "close_out",
    "close_out": "close_out",
    "closeout": "close_out",
    "收尾": "close_out",
    "lcm": "lcm",
    "life-cycle": "lcm",
    "lifecycle": "lcm",
    "life-cycle-management": "lcm",
    "生命周期管理": "lcm",
    "生命周期": "lcm",
}


def read_phase(word: str) -> str | None:
    return PHASE_WORDS.get(normalize(word).replace(" ", "-"))


def following(phase: str) -> str:
    index = PHASES.index(phase)
    return PHASES[min(index + 1, len(PHASES) - 1)]


@dataclass(frozen=True)
class PhaseForm:
    to_phase: str = ""
    primary_contact_id: str = ""
    sales_rep_id: str = ""
    contact_ids: tuple[str, ...] = ()
    cadence: str = "none"
    next_meeting: str = ""  # YYYY-MM-DD
    adhoc_process: str = ""
    note: str = ""
    reason: str = ""


def plan_form(customer: Customer, plan: PhasePlan | None, to_phase: str) -> PhaseForm:
    """The transition form to `to_phase`, filled with that phase's plan as it stands (the
    manager as primary contact when there is none). The meeting, note and reason start
    empty: they are about this change."""
    if plan is None:
        return PhaseForm(to_phase=to_phase, primary_contact_id=customer.manager_id)
    return PhaseForm(
        to_phase=to_phase,
        primary_contact_id=plan.primary_contact_id or customer.manager_id,
        sales_rep_id=plan.sales_rep_id,
        contact_ids=tuple(str(i) for i in plan.contact_ids),
        cadence=plan.cadence,
        adhoc_process=plan.adhoc_process,
    )


@dataclass(frozen=True)
class RelationsPlan:
    """A card's whole relations plan: each phase's plan, the phase history (oldest first),
    the first milestones by date and how many there are, project channels, contacts."""

    customer: Customer
    plans: dict[str, PhasePlan]
    changes: list[PhaseChange]
    milestones: list[Milestone]
    channels: list[str]
    contacts: list[Contact]
    milestones_total: int | None = None  # None: `milestones` are all there are
    projects: dict[int, str] = field(default_factory=dict)  # a project's milestones say whose
    as_of: datetime | None = None  # the moment it was read for: open milestones before it are late
    may_edit: bool = True  # its reader may change the card: the plan's buttons are theirs


@dataclass(frozen=True)
class PhaseChanged:
    customer: Customer
    change: PhaseChange | None  # None when the plan of the current phase was only updated
    plan: PhasePlan
    channels: list[str]


def check_phase_form(
    form: PhaseForm, *, current: str, tz: ZoneInfo, now: datetime
) -> datetime | None:
    """The form's rules; returns the next formal meeting as an aware UTC moment."""
    errors: dict[str, Message] = {}
    if form.to_phase not in PHASES:
        errors["to_phase"] = Message("phase.unknown", {"phases": ", ".join(PHASES)})
    elif form.to_phase not in (current, following(current)) and not form.reason.strip():
        errors["reason"] = Message("phase.reason_required")
    if not form.primary_contact_id:
        errors["primary_contact_id"] = Message("phase.primary_required")
    if form.cadence not in CADENCES:
        errors["cadence"] = Message("phase.cadence_invalid")
    meeting = None
    if form.next_meeting:
        meeting = at_local(date.fromisoformat(form.next_meeting), DEFAULT_TIME, tz)
        if meeting <= now:
            errors["next_meeting"] = Message("field.follow_up_date.past")
    if errors:
        raise FormInvalid(errors)
    return meeting


async def change_phase(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    terms: PhaseTerms,
    form: PhaseForm,
    tz: ZoneInfo,
    now: datetime,
) -> PhaseChanged:
    """`terms`: the card as its use case read it, checking who may change it, with the plans
    of the phase it leaves and of the one it enters and its channels (none read again)."""
    customer, plans = terms.customer, terms.plans
    customer_id = saved_id(customer)
    meeting = check_phase_form(form, current=customer.phase, tz=tz, now=now)
    before = plans.get(customer.phase)
    outgoing = (
        before.primary_contact_id if before and before.primary_contact_id else customer.manager_id
    )
    plan = plans.get(form.to_phase) or PhasePlan(
        team_id=team_id, customer_id=customer_id, phase=form.to_phase
    )
    plan.primary_contact_id, plan.sales_rep_id = form.primary_contact_id, form.sales_rep_id
    plan.contact_ids, plan.cadence = list(form.contact_ids), form.cadence
    plan.next_meeting_at, plan.adhoc_process = meeting, form.adhoc_process.strip()
    plan.updated_by, plan.updated_at = actor_id, now
    await add(session=session, row=plan)
    change = None
    if form.to_phase != customer.phase:
        change = PhaseChange(
            team_id=team_id,
            customer_id=customer_id,
            actor_id=actor_id,
            at=now,
            from_phase=customer.phase,
            to_phase=form.to_phase,
            outgoing_contact_id=outgoing,
            incoming_contact_id=form.primary_contact_id,
            note=form.note.strip(),
            reason=form.reason.strip(),
        )
        await add(session=session, row=change)
        await record_event(
            session=session,
            team_id=team_id,
            customer_id=customer_id,
            actor_id=actor_id,
            at=now,
            action="phase",
            changes={"phase": [customer.phase, form.to_phase]},
        )
        customer.phase, customer.updated_at, customer.updated_by = form.to_phase, now, actor_id
    return PhaseChanged(customer, change, plan, list(terms.channels))
