"""The project form: what was typed or picked, read into a draft (bot/sales/projects.py
checks the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.errors import Invalid, Message
from bot.parsing import chosen_row
from bot.sales.projects import ProjectDraft, channel_name

YES = "yes"


@dataclass(frozen=True)
class ProjectForm:
    name: str = ""
    manager_id: str = ""
    members: str = ""  # Slack user ids, comma-separated
    starts_on: str = ""  # YYYY-MM-DD
    ends_on: str = ""
    contract_id: str = ""  # "" none
    channel_id: str = ""  # an existing channel to link
    new_channel: str = ""  # or a new channel's name
    private: str = ""  # "yes": the new channel is private


def parse_project_form(form: ProjectForm) -> ProjectDraft:
    errors: dict[str, Message] = {}
    if not form.starts_on:
        errors["starts_on"] = Message("project.start_required")
    if not form.ends_on:
        errors["ends_on"] = Message("project.end_required")
    if errors:
        raise Invalid(errors)
    return ProjectDraft(
        name=form.name,
        manager_id=form.manager_id,
        members=tuple(m for m in form.members.split(",") if m),
        starts_on=date.fromisoformat(form.starts_on),
        ends_on=date.fromisoformat(form.ends_on),
        contract_id=chosen_row(form.contract_id),
        channel_id=form.channel_id,
        new_channel=channel_name(form.new_channel) if form.new_channel.strip() else "",
        private=form.private == YES,
    )
