"""A modal the app opens, asked field by field in the console, then submitted as Slack
would. Ctrl-C or Ctrl-D while a form is asked cancels the form; nothing is submitted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.console.modal import Field, Refused, modal_fields, state_value, with_options
from bot.console.render import render_blocks
from bot.i18n import t

if TYPE_CHECKING:
    from bot.console.repl import Console


class FormCancelled(Exception):
    """The person left the form (Ctrl-C, or the end of input)."""


async def fill_modal(console: Console, view: dict[str, Any]) -> None:
    """Ask every input; after errors, ask again only the fields that were refused."""
    workspace = console.workspace
    console.out(f"── {view.get('title', {}).get('text', '')} ──")
    if "submit" not in view:  # Slack offers only Close: a window to read, nothing to submit
        console.out(render_blocks(view.get("blocks", []), reader=console.reader))
        return
    fields = modal_fields(view)
    values: dict[str, Any] = {}
    wanted = {field.block_id for field in fields}
    while True:
        for field in fields:
            if field.block_id in wanted:
                value = (
                    await _search(console, view, values, field)
                    if field.kind == "external_select"
                    else await _ask_field(console, field)
                )
                values.setdefault(field.block_id, {})[field.action_id] = value
        seen = len(console.harness.slack.postings)
        answer = await workspace.submit_view(view, values, user=console.user)
        await console.harness.settle()
        if console.show_refusals():
            return  # Slack keeps the modal open with "We had some trouble connecting"
        errors = (
            answer.json.get("errors", {}) if answer.json.get("response_action") == "errors" else {}
        )
        for block_id, message in errors.items():
            console.out(f"✗ {_label_of(fields, block_id)}: {message}")
        if not errors:
            break
        # a refused field, and any tick box (such as "Not a duplicate?") that may answer it
        wanted = set(errors) | {f.block_id for f in fields if f.kind == "checkboxes"}
    await console.show_since(seen)  # what the submission posted, before the form it opens
    if answer.json.get("response_action") in ("update", "push"):
        await fill_modal(console, answer.json["view"])


async def answer(console: Console, prompt: str) -> str:
    """One answer to a form's question; Ctrl-C or the end of input leaves the form."""
    try:
        raw = await console.ask(prompt)
    except KeyboardInterrupt:
        raise FormCancelled from None
    if raw is None:
        raise FormCancelled
    return raw


async def _search(
    console: Console, view: dict[str, Any], values: dict[str, Any], field: Field
) -> dict[str, Any]:
    """An external select: ask what to search for, then offer what the app finds."""
    lang = console.lang
    prompt = t("console.search", lang, label=field.label)
    if field.initial:
        prompt += " " + t("console.search_keeps", lang)
    if field.optional:
        prompt += " " + t("console.optional", lang)
    while True:
        typed = await answer(console, prompt + "\n> ")
        if not typed.strip() and (field.initial or field.optional):
            return state_value(field, "")
        offered = await console.workspace.suggest(
            view,
            values,
            block_id=field.block_id,
            action_id=field.action_id,
            typed=typed.strip(),
            user=console.user,
        )
        if offered:
            return await _ask_field(console, with_options(field, offered))
        console.out(t("console.nothing_matches", lang))


async def _ask_field(console: Console, field: Field) -> dict[str, Any]:
    while True:
        raw = await answer(console, field.prompt(console.lang, console.people.names()))
        try:
            return state_value(
                field, raw, now=console.now(), tz=ZoneInfo(console.me.tz), people=console.people
            )
        except Refused as refused:
            console.out("✗ " + refused.said(console.lang))


def _label_of(fields: list[Field], block_id: str) -> str:
    return next((f.label for f in fields if f.block_id == block_id), block_id)
