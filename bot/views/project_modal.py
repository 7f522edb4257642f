"""The project modal and the project-channel modal, and their readers (build → read is a
round trip), with what they are about in typed private metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n import Lang, t
from bot.sales.project_form import YES, ProjectForm
from bot.sales.projects import MAX_NAME
from bot.store.sales_models import Contract
from bot.views import ids
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import (
    checkbox_input,
    conversation_input,
    date_input,
    select_input,
    state_text,
    text_input,
    user_input,
    users_input,
)

View = dict[str, Any]
META_PROJECT_ID = "project_id"
OPTIONS = 100


@dataclass(frozen=True)
class ProjectFormMetadata:
    customer_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {ids.META_CUSTOMER_ID: self.customer_id, ids.META_CHANNEL: self.channel}


def read_project_form_metadata(view: View) -> ProjectFormMetadata:
    found = read_metadata(view)
    return ProjectFormMetadata(
        int(found[ids.META_CUSTOMER_ID]), found.get(ids.META_CHANNEL) or None
    )


@dataclass(frozen=True)
class ChannelFormMetadata:
    project_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {META_PROJECT_ID: self.project_id, ids.META_CHANNEL: self.channel}


def read_channel_form_metadata(view: View) -> ChannelFormMetadata:
    found = read_metadata(view)
    return ChannelFormMetadata(int(found[META_PROJECT_ID]), found.get(ids.META_CHANNEL) or None)


@dataclass(frozen=True)
class ChannelForm:
    channel_id: str = ""
    new_channel: str = ""
    private: str = ""


def _channel_inputs(lang: Lang, channel_id: str, new_channel: str) -> list[dict[str, Any]]:
    def label(name: str) -> str:
        return t(f"label.project_{name}", lang)

    return [
        conversation_input(
            "channel_id",
            label("channel_id"),
            initial=channel_id,
            hint=t("project.channel_hint", lang),
        ),
        text_input(
            "new_channel",
            label("new_channel"),
            initial=new_channel,
            hint=t("project.new_channel_hint", lang),
            max_length=80,
        ),
        checkbox_input("private", label("private"), t("project.private", lang)),
    ]


def build_project_modal(
    lang: Lang, form: ProjectForm, contracts: list[Contract], metadata: ProjectFormMetadata
) -> View:
    def label(name: str) -> str:
        return t(f"label.project_{name}", lang)

    members = [m for m in form.members.split(",") if m]
    blocks = [
        text_input("name", label("name"), initial=form.name, optional=False, max_length=MAX_NAME),
        user_input("manager_id", label("manager"), initial=form.manager_id),
        users_input("members", label("members"), initial=members),
        date_input("starts_on", label("starts_on"), initial=form.starts_on),
        date_input("ends_on", label("ends_on"), initial=form.ends_on),
    ]
    chosen = [c for c in contracts if str(c.id) == form.contract_id]
    offered = (chosen + [c for c in contracts if str(c.id) != form.contract_id])[:OPTIONS]
    if offered:
        options = [(f"{c.number} {c.title}", str(c.id)) for c in offered]
        blocks.append(
            select_input(
                "contract_id", label("contract"), options, initial=form.contract_id, optional=True
            )
        )
    blocks += _channel_inputs(lang, form.channel_id, form.new_channel)
    if form.private == YES:
        private = blocks[-1]["element"]
        private["initial_options"] = private["options"]
    return modal_view(
        ids.PROJECT_VIEW, t("modal.project", lang), lang, blocks, metadata.to_metadata()
    )


def read_project_form(view: View) -> ProjectForm:
    values = {name: state_text(view, name) for name in ProjectForm.__dataclass_fields__}
    return ProjectForm(**{**values, "private": YES if values["private"] else ""})


def build_channel_modal(lang: Lang, form: ChannelForm, metadata: ChannelFormMetadata) -> View:
    blocks = _channel_inputs(lang, form.channel_id, form.new_channel)
    if form.private == YES:
        private = blocks[-1]["element"]
        private["initial_options"] = private["options"]
    return modal_view(
        ids.PROJECT_CHANNEL_VIEW,
        t("modal.project_channel", lang),
        lang,
        blocks,
        metadata.to_metadata(),
    )


def read_channel_form(view: View) -> ChannelForm:
    values = {name: state_text(view, name) for name in ChannelForm.__dataclass_fields__}
    return ChannelForm(**{**values, "private": YES if values["private"] else ""})
