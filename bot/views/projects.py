"""A project as people read it — its phase, manager, members, dates, contract, channel and
milestones — with its buttons; what a project channel is told when the project starts."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.sales.project_cases import ProjectView
from bot.sales.projects import PROJECT_PHASES
from bot.store.models import Milestone
from bot.store.sales_models import Project
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, Reply, channel_link, context, day, md, mention, section
from bot.views.contracts import TargetValue
from bot.views.inputs import button


@dataclass(frozen=True)
class PhaseChoice:
    """What a project's phase button says: the project and the phase it moves to."""

    project_id: int
    phase: str

    def to_value(self) -> str:
        return f"{self.project_id}:{self.phase}"


def read_phase_choice(action: dict[str, object]) -> PhaseChoice:
    project_id, _, phase = str(action["value"]).partition(":")
    return PhaseChoice(int(project_id), phase)


def project_facts(project: Project, lang: Lang) -> list[Mrkdwn]:
    members = Mrkdwn(", ").join(mention(m) for m in project.members) or Mrkdwn("—")
    lines = [
        md(
            "project.facts",
            lang,
            phase=t(f"phase.{project.phase}", lang),
            manager=mention(project.manager_id),
            start=format_day(project.starts_on, lang),
            end=format_day(project.ends_on, lang),
        ),
        md("project.members", lang, members=members),
    ]
    if project.channel_id:
        lines.append(md("project.channel", lang, channel=channel_link(project.channel_id)))
    if project.status != "active":
        lines.append(Mrkdwn("_{}_").format(t(f"project.status_{project.status}", lang)))
    return lines


def milestone_line(milestone: Milestone, lang: Lang) -> Mrkdwn:
    when = day(milestone.due_at, lang, ZoneInfo(milestone.tz))
    mark = "✅" if milestone.status == "done" else "◻️"
    return Mrkdwn("{} {} — {}").format(mark, milestone.title, when)


def build_project(view: ProjectView, lang: Lang, *, title_key: str = "project.shown") -> Reply:
    project, customer = view.project, view.customer
    card = Mrkdwn("{} ({})").format(customer.legal_name, customer.handle)
    title = md(title_key, lang, name=project.name, customer=card)
    lines = [title, *project_facts(project, lang)]
    if view.contract is not None:
        lines.append(md("project.contract", lang, number=view.contract.number))
    blocks: list[Block] = [section(Mrkdwn("\n").join(lines))]
    if view.milestones:
        blocks.append(_milestones(view.milestones, lang))
    if view.may_change and project.status == "active":
        blocks.append(_actions(view, lang))
    return Reply(text=t("project.text", lang, name=project.name), blocks=blocks)


def _actions(view: ProjectView, lang: Lang) -> Block:
    project = view.project
    assert project.id is not None
    elements = []
    if not project.channel_id:
        elements.append(
            button(t("project.set_channel", lang), ids.PROJECT_CHANNEL, str(project.id))
        )
    later = (
        PROJECT_PHASES[PROJECT_PHASES.index(project.phase) + 1 :]
        if project.phase in PROJECT_PHASES
        else ()
    )
    for number, phase in enumerate(later[:1]):  # the next phase: the plan moves on in order
        value = PhaseChoice(project.id, phase).to_value()
        label = "→ " + t(f"phase.{phase}", lang)
        elements.append(button(label, f"{ids.PROJECT_PHASE}.{number}", value))
    target = TargetValue(view.customer.id or 0, project.contract_id or 0, project.id).to_value()
    elements.append(button(t("document.attach", lang), ids.DOCUMENT_NEW, target))
    return {"type": "actions", "block_id": f"project_actions_{project.id}", "elements": elements}


def build_project_welcome(view: ProjectView, lang: Lang) -> Reply:
    """Posted in the project's channel once it is linked: what the project is, and that the
    weekly brief comes here."""
    project, customer = view.project, view.customer
    title = md("project.welcome", lang, name=project.name, customer=customer.legal_name)
    lines = [title, *project_facts(project, lang)]
    blocks: list[Block] = [section(Mrkdwn("\n").join(lines))]
    if view.milestones:
        blocks.append(_milestones(view.milestones, lang))
    blocks.append(context(t("project.brief_here", lang)))
    return Reply(text=t("project.text", lang, name=project.name), blocks=blocks)


def _milestones(milestones: list[Milestone], lang: Lang) -> Block:
    plan = Mrkdwn("\n").join(milestone_line(m, lang) for m in milestones)
    return section(Mrkdwn("*{}*\n").format(t("project.milestones", lang)) + plan)


def build_channel_failed(error: str, lang: Lang) -> Reply:
    return Reply(t("project.channel_failed", lang, error=error))
