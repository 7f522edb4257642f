"""Contact roles (联系人角色): a contact may be the decision maker (决策人), an influencer, a
user, technical or finance, and may have left the company. Relationships wobble when the
decision maker changes (002): when one leaves or stops being the decision maker, the
account manager and their supervisors are told, and the card's health says "no active
decision maker" until another is set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.names import normalize
from bot.customers.visibility import team_tree
from bot.errors import Invalid, Message
from bot.store.card_history import record_event
from bot.store.customers import live_contacts_with_roles
from bot.store.models import Contact, Customer
from bot.store.team_models import ContactRole

DECISION_MAKER = "decision_maker"
ROLES = (DECISION_MAKER, "influencer", "user", "technical", "finance")
STATES = ("active", "left")
ROLE_WORDS = {
    "decision-maker": DECISION_MAKER,
    "decision_maker": DECISION_MAKER,
    "decisionmaker": DECISION_MAKER,
    "dm": DECISION_MAKER,
    "决策人": DECISION_MAKER,
    "influencer": "influencer",
    "影响者": "influencer",
    "影响人": "influencer",
    "user": "user",
    "使用者": "user",
    "用户": "user",
    "technical": "technical",
    "tech": "technical",
    "技术": "technical",
    "finance": "finance",
    "财务": "finance",
    "none": "",
    "无": "",
}
STATE_WORDS = {
    "left": "left",
    "离职": "left",
    "已离职": "left",
    "active": "active",
    "在职": "active",
}


@dataclass(frozen=True)
class RoleForm:
    role: str = ""  # one of ROLES, or "" for none
    state: str = "active"  # active | left


@dataclass(frozen=True)
class RoleChanged:
    customer: Customer
    contact: Contact
    form: RoleForm
    lost: str  # "" | "left" | "replaced": the card lost this decision maker
    dm_remains: bool  # another active decision maker is on the card
    told: list[str]  # the account manager and their supervisors, when `lost`


def read_role_words(words: str) -> tuple[str, RoleForm]:
    """`张总 decision maker` → ("张总", RoleForm(decision_maker)); `张总 left` → a state
    change only (role `?`: keep the role). The role or state is the last word(s)."""
    parts = words.split()
    for size in (2, 1):
        if len(parts) <= size - 1:
            continue
        tail = normalize("-".join(parts[-size:]))
        if tail in ROLE_WORDS:
            return " ".join(parts[:-size]), RoleForm(role=ROLE_WORDS[tail])
        if size == 1 and tail in STATE_WORDS:
            return " ".join(parts[:-1]), RoleForm(role="?", state=STATE_WORDS[tail])
    raise Invalid({"text": Message("role.usage")})


def check_role_form(form: RoleForm) -> None:
    errors = {}
    if form.role not in ("", *ROLES):
        errors["role"] = Message("role.unknown")
    if form.state not in STATES:
        errors["state"] = Message("role.unknown")
    if errors:
        raise Invalid(errors)


def named_contact(contacts: list[Contact], name: str) -> Contact:
    """The card's contact `name` names: exactly, or the one whose name starts with it."""
    wanted = normalize(name)
    exact = [c for c in contacts if normalize(c.name) == wanted]
    starts = [c for c in contacts if wanted and normalize(c.name).startswith(wanted)]
    found = exact or starts
    if len(found) != 1:
        names = ", ".join(c.name for c in contacts) or "—"
        raise Invalid({"text": Message("role.no_contact", {"name": name, "names": names})})
    return found[0]


@dataclass(frozen=True)
class CardRoles:
    """A card, its contacts not removed, and the roles they were given (by contact id): what
    a role's change decides from, read together (issue 17: the contact's role and the card's
    decision makers were a statement each after the contacts)."""

    customer: Customer
    contacts: list[Contact]
    roles: dict[int, ContactRole]

    def role_of(self, contact: Contact) -> ContactRole | None:
        return self.roles.get(contact.id or 0)

    def decision_maker_remains(self) -> bool:
        """An active decision maker is on the card: given the role, not left, not removed
        (as bot/store/insights.py decision_makers tells "active")."""
        return any(
            role.role == DECISION_MAKER and role.left_at is None for role in self.roles.values()
        )


async def card_roles(*, session: AsyncSession, customer: Customer) -> CardRoles:
    found = await live_contacts_with_roles(session=session, customer_id=customer.id or 0)
    return CardRoles(
        customer,
        [contact for contact, _ in found],
        {contact.id or 0: role for contact, role in found if role is not None},
    )


async def set_role(
    *,
    session: AsyncSession,
    card: CardRoles,
    contact: Contact,
    form: RoleForm,
    actor_id: str,
    now: datetime,
) -> RoleChanged:
    """Set the contact's role and state ("?" keeps the role), recorded in the card's history;
    says whom to tell when the card lost a decision maker. `contact`: one of `card`'s."""
    customer = card.customer
    assert customer.id is not None and contact.id is not None
    row = card.role_of(contact) or ContactRole(
        contact_id=contact.id, team_id=customer.team_id, customer_id=customer.id
    )
    card.roles[contact.id] = row
    form = RoleForm(role=row.role if form.role == "?" else form.role, state=form.state)
    check_role_form(form)
    before = (row.role, row.left_at is not None)
    was_dm = before == (DECISION_MAKER, False)
    row.role = form.role
    if form.state == "left" and row.left_at is None:
        row.left_at = now
    elif form.state == "active":
        row.left_at = None
    row.updated_by, row.updated_at = actor_id, now
    session.add(row)
    await session.flush()
    after = (row.role, row.left_at is not None)
    if after != before:
        await record_event(
            session=session,
            team_id=customer.team_id,
            customer_id=customer.id,
            actor_id=actor_id,
            at=now,
            action="contact_role",
            changes={
                "contact": [contact.name, contact.name],
                "contact_role": [before[0] or None, after[0] or None],
                "left_company": [before[1], after[1]],
            },
        )
    lost = ""
    if was_dm and after != (DECISION_MAKER, False):
        lost = "left" if after[1] else "replaced"
    told = await _manager_and_supervisors(session, customer) if lost else []
    return RoleChanged(customer, contact, form, lost, card.decision_maker_remains(), told)


async def _manager_and_supervisors(session: AsyncSession, customer: Customer) -> list[str]:
    tree = await team_tree(session, customer.team_id)
    return [customer.manager_id, *tree.above(customer.manager_id)]
