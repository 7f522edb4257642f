"""Who may see and who may change a card (004: 共享设置, 安全级别).

A card is visible to its manager, the manager's direct and indirect supervisors, workspace
admins, and whoever it is shared with (a person, or a channel — a project channel counts as
shared — whose members see it). A workspace may open level-0 cards to everyone. On top of
that, a card of security level N is readable only by people whose clearance is at least N
(its manager and admins excepted). Changes are for the manager, the manager's supervisors
and admins; anyone who can see a card may log contacts on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Viewer:
    user_id: str
    is_admin: bool = False
    clearance: int = 0
    supervises: frozenset[str] = frozenset()  # everyone below, directly or not
    channels: frozenset[str] = frozenset()  # channels the person is a member of


@dataclass(frozen=True)
class CardAccess:
    manager_id: str
    security_level: int = 0
    shared_users: frozenset[str] = frozenset()
    shared_channels: frozenset[str] = frozenset()  # explicit shares and project channels
    open_level0: bool = False
    archived: bool = False


def can_see(viewer: Viewer, card: CardAccess) -> bool:
    seen = seen_whatever_its_shares(viewer, card)
    if seen is not None:
        return seen
    return viewer.user_id in card.shared_users or bool(card.shared_channels & viewer.channels)


def seen_whatever_its_shares(viewer: Viewer, card: CardAccess) -> bool | None:
    """`can_see`'s answer when the card's shares cannot change it (its manager, their
    supervisors, admins; archived or above the viewer's clearance; an open level-0 card);
    None when they decide. Most cards a person names are their own or their team's: their
    shares need not be read."""
    if viewer.is_admin or viewer.user_id == card.manager_id:
        return True
    if card.archived or card.security_level > viewer.clearance:
        return False
    if card.manager_id in viewer.supervises or (card.open_level0 and card.security_level == 0):
        return True
    return None


def can_edit(viewer: Viewer, card: CardAccess) -> bool:
    if viewer.is_admin:
        return True
    if card.archived:
        return False
    return viewer.user_id == card.manager_id or card.manager_id in viewer.supervises


@dataclass
class TeamTree:
    """Supervisor links of a workspace: who reports to whom."""

    supervisor_of: dict[str, str] = field(default_factory=dict)

    def below(self, user_id: str) -> frozenset[str]:
        """Everyone `user_id` supervises, directly or indirectly (cycles are cut)."""
        reports: dict[str, list[str]] = {}
        for person, boss in self.supervisor_of.items():
            reports.setdefault(boss, []).append(person)
        found: set[str] = set()
        stack = list(reports.get(user_id, []))
        while stack:
            person = stack.pop()
            if person in found or person == user_id:
                continue
            found.add(person)
            stack.extend(reports.get(person, []))
        return frozenset(found)

    def above(self, user_id: str) -> list[str]:
        """`user_id`'s supervisor, theirs, and so on up (cycles are cut)."""
        chain: list[str] = []
        current = self.supervisor_of.get(user_id)
        while current and current not in chain and current != user_id:
            chain.append(current)
            current = self.supervisor_of.get(current)
        return chain

    def would_cycle(self, user_id: str, supervisor_id: str) -> bool:
        return supervisor_id == user_id or supervisor_id in self.below(user_id)
