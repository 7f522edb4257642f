"""A card's name is someone's text: whatever it holds, sharing, history, archive, restore,
merge, value, the team, the settings and export never make Slack ping, mention or link with
it — in the `text` Slack notifies with, in blocks, in modals and files (issue 15 item 1).
The Slack stand-in fails any payload with raw markup where Slack parses it
(bot/console/markup_rules.py); here each step also checks that the name was shown."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace

import pytest

from bot.console.harness import Harness
from bot.console.markup_rules import HOSTILE
from bot.settings import Settings
from bot.store.models import Customer
from tests.commands.test_merge_value import rows
from tests.hostile import Said
from tests.slack_person import Person


@pytest.fixture
async def office(settings: Settings) -> AsyncIterator[Harness]:
    async with hostile_office(settings) as harness:
        yield harness


@asynccontextmanager
async def hostile_office(settings: Settings) -> AsyncIterator[Harness]:
    """Wang manages a card with a hostile name (EVIL, shared with #shared, where Chan is)
    and Good Trading (GOOD); Admin administers the workspace."""
    async with Harness(replace(settings, admins=frozenset({"U_ADMIN"}))) as harness:
        for user in ("U_WANG", "U_ADMIN", "U_CHAN", "U_LOW"):
            await harness.act_as(user, name=user[2:].title(), locale="en-US", tz="UTC")
        harness.slack.members["C_SHARED"] = {"U_CHAN"}
        wang = Person(harness, "U_WANG")
        await wang.type("/customer new")
        await wang.submit(legal_name=HOSTILE, short_name="EVIL")
        await wang.type("/customer new Good Trading Co., Ltd.")
        await wang.submit(short_name="GOOD")
        await wang.type("/customer share evil <#C_SHARED|shared>")
        yield harness


Step = Callable[[Harness], Awaitable[None]]


async def share_twice_and_unshare_twice(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    for line in ("share", "share", "unshare", "unshare"):
        await wang.type(f"/customer {line} evil <@U_LOW|low>")


async def refused_to_a_colleague(office: Harness) -> None:
    await Person(office, "U_CHAN").type("/customer archive evil")


async def history_and_older_history(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    await wang.type("/customer history evil")
    evil = next(c for c in await rows(office, Customer) if c.handle == "EVIL")
    await wang.workspace.interact(
        {
            "type": "block_actions",
            "team": {"id": "T_LOCAL"},
            "user": {"id": "U_WANG"},
            "channel": {"id": "C1"},
            "trigger_id": "trigger.older",
            "response_url": office.slack.response_url("C1", "U_WANG"),
            "actions": [
                {
                    "action_id": "history_older",
                    "block_id": "b",
                    "type": "button",
                    "value": f"{evil.id}:999999",
                }
            ],
        }
    )
    await office.settle()


async def value_assessed(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    await wang.type("/customer value evil")
    await wang.submit(size="5", profitability="4", investment="4", strategic_fit="4")


async def merged_and_unmerged(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    await wang.type("/customer merge evil into good")
    await wang.click("Merge")
    await Person(office, "U_ADMIN").type("/customer unmerge EVIL")
    await wang.type("/customer merge good into evil")


async def archived_and_restored(office: Harness) -> None:
    admin = Person(office, "U_ADMIN")
    await Person(office, "U_WANG").type("/customer archive evil")
    await admin.type("/customer restore EVIL")
    await admin.type("/customer restore EVIL")  # not archived any more


async def team_and_settings(office: Harness) -> None:
    admin = Person(office, "U_ADMIN")
    for line in (
        "team supervisor <@U_LOW> <@U_WANG>",
        "team supervisor <@U_LOW> none",
        "team clearance <@U_LOW> 2",
        "team",
        "settings open-level0 on",
        "settings stale 签约前 30",
    ):
        await admin.type(f"/customer {line}")


async def exported(office: Harness) -> None:
    wang = Person(office, "U_WANG")
    for kind in ("", " contacts", " logs"):
        await wang.type(f"/customer export{kind}")


NAMING_STEPS: list[Step] = [
    share_twice_and_unshare_twice,
    refused_to_a_colleague,
    history_and_older_history,
    value_assessed,
    merged_and_unmerged,
    archived_and_restored,
]
OTHER_STEPS: list[Step] = [team_and_settings, exported]


@pytest.mark.parametrize("step", NAMING_STEPS, ids=lambda step: step.__name__)
async def test_a_hostile_card_name_is_shown_escaped_and_never_pings(
    office: Harness, step: Step
) -> None:
    said = Said(office)
    mark = said.mark()

    await step(office)

    assert said.hostile_shown_since(mark)  # the name was shown; the stand-in saw no ping


@pytest.mark.parametrize("step", OTHER_STEPS, ids=lambda step: step.__name__)
async def test_team_settings_and_export_replies_carry_no_card_text_as_markup(
    office: Harness, step: Step
) -> None:
    said = Said(office)
    mark = said.mark()

    await step(office)

    assert said.texts_since(mark)  # they answered; the stand-in saw no ping
