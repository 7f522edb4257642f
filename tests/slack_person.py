"""A person at Slack's keyboard, for end-to-end tests: types commands, fills the modal
Rapport opens (searching external selects as Slack does), clicks buttons."""

from __future__ import annotations

from typing import Any

from bot.console.harness import Harness
from bot.console.modal import modal_fields, state_value, with_options
from bot.console.render import clickables, render_blocks
from bot.console.slack_double import Posting
from bot.console.workspace import Answer, Workspace


async def fill(
    workspace: Workspace, view: dict[str, Any], user: str, **answers: str
) -> dict[str, Any]:
    """State values as Slack sends them, typed the way a person types in the console.
    For a search field, the answer is what is typed; the first offered option is chosen."""
    values: dict[str, Any] = {}
    for field in modal_fields(view):
        raw = answers.get(field.block_id.removeprefix("field_"), "")
        if field.kind == "external_select" and raw:
            offered = await workspace.suggest(
                view,
                values,
                block_id=field.block_id,
                action_id=field.action_id,
                typed=raw,
                user=user,
            )
            field, raw = with_options(field, offered), "1"
        values.setdefault(field.block_id, {})[field.action_id] = state_value(field, raw)
    return values


class Person:
    """One person at the keyboard: types commands, fills the modal Rapport opens, clicks."""

    def __init__(self, harness: Harness, user: str, channel: str = "C_SALES") -> None:
        self.harness, self.user, self.channel = harness, user, channel
        assert harness.workspace is not None
        self.workspace: Workspace = harness.workspace

    async def type(self, line: str) -> Answer:
        answer = await self.workspace.command(line, user=self.user, channel=self.channel)
        await self.harness.settle()
        return answer

    def last_view(self) -> dict[str, Any]:
        return self.harness.slack.calls_to("views.open")[-1].args["view"]

    async def submit(self, view: dict[str, Any] | None = None, **answers: str) -> Answer:
        view = view or {**self.last_view(), "id": f"V{len(self.harness.slack.calls)}"}
        values = await fill(self.workspace, view, self.user, **answers)
        answer = await self.workspace.submit_view(view, values, user=self.user)
        await self.harness.settle()
        return answer

    async def click(self, label: str, posting: Posting | None = None) -> Answer:
        posting = posting or self.last_posting()
        clickable = next(c for c in clickables(posting.blocks) if c.label.endswith(label))
        answer = await self.workspace.click(posting, clickable, user=self.user)
        await self.harness.settle()
        return answer

    def last_posting(self) -> Posting:
        return next(
            p
            for p in reversed(self.harness.slack.postings)
            if p.kind != "modal" and p.user in (self.user, None)
        )

    def last_text(self) -> str:
        posting = self.last_posting()
        return render_blocks(posting.blocks, fallback=posting.text)
