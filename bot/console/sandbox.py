"""The console's workspace: the people it knows, and the sandbox a first run starts with.

A first run (no one in the database yet) makes the person at the console its owner and
admin, and adds people and cards that show who sees what: a supervisor, a colleague who
reports to her, another colleague, a card managed by the first colleague and a card shared
with him. The customer of that first card has its own Slack workspace: one of its people is
met on every run, and answers in the console's channel once it is shared with them (`share`).
Every later run meets the same people again from the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.console.harness import Harness
from bot.console.people import People, Someone
from bot.console.slack_double import BOT_USER, TEAM
from bot.customers.card_writes import create_customer
from bot.customers.form import CustomerForm, parse_customer_form
from bot.customers.governance import Target, set_supervisor, share
from bot.i18n import Lang, pick_language, t
from bot.store.profiles import team_profiles

SUPERVISOR = Someone("U_ZHAO", "赵敏", "zh-CN", "Asia/Shanghai")
COLLEAGUE = Someone("U_LI", "李娜", "en-US", "Asia/Shanghai")
OTHER_COLLEAGUE = Someone("U_WANG", "王伟", "zh-CN", "Asia/Shanghai")
COLLEAGUES_CARD = ("东方物流有限公司", "Dongfang")  # managed by COLLEAGUE
SHARED_CARD = ("Contoso Ltd.", "Contoso")  # OTHER_COLLEAGUE's, shared with COLLEAGUE
# one of COLLEAGUES_CARD's own people, in the customer's Slack workspace (Slack Connect)
GUEST = Someone("U_CHEN", "陈刚", "zh-CN", "Asia/Shanghai", organization="T_DONGFANG")


@dataclass(frozen=True)
class Arrival:
    people: People
    me: Someone
    new_sandbox: bool


async def arrive(
    harness: Harness,
    *,
    user: str,
    locale: str | None,
    tz: str | None,
    default_locale: str,
    default_tz: str,
) -> Arrival:
    """Meet everyone the database knows, then the person at the console: `locale` and `tz`
    are what they asked for on the command line, else what is known of them, else defaults."""
    assert harness.service is not None
    async with harness.service.db.transaction() as session:
        profiles = await team_profiles(session=session, team_id=TEAM)
    known = [
        Someone(
            p.user_id, p.display_name, p.locale or default_locale, p.tz or default_tz, p.is_admin
        )
        for p in profiles
        if p.user_id != BOT_USER
    ]
    people = People([*known, GUEST])
    for someone in [*known, GUEST]:
        await welcome(harness, someone)
    before = people.by_id.get(user)
    locale = locale or (before.locale if before else default_locale)
    me = Someone(
        user,
        before.display_name if before else t("console.you", pick_language(locale)),
        locale,
        tz or (before.tz if before else default_tz),
        # the owner of the sandbox (or of one left without an admin) administers it
        is_admin=not any(p.is_admin for p in known) or (before is not None and before.is_admin),
    )
    people.add(me)
    await welcome(harness, me)
    if not known:
        await _plant_sandbox(harness, people, owner=me)
    return Arrival(people, me, new_sandbox=not known)


async def welcome(harness: Harness, someone: Someone) -> None:
    """Make `someone` a person of the Slack stand-in (and refresh what the app knows)."""
    await harness.act_as(
        someone.user_id,
        name=someone.display_name,
        locale=someone.locale,
        tz=someone.tz,
        is_admin=someone.is_admin,
        team=someone.organization or TEAM,
    )


async def _plant_sandbox(harness: Harness, people: People, *, owner: Someone) -> None:
    assert harness.service is not None
    for someone in (SUPERVISOR, COLLEAGUE, OTHER_COLLEAGUE):
        people.add(someone)
        await welcome(harness, someone)
    now = harness.service.clock.now()
    async with harness.service.db.transaction(write=True) as session:
        await set_supervisor(
            session=session,
            team_id=TEAM,
            user_id=COLLEAGUE.user_id,
            supervisor_id=SUPERVISOR.user_id,
            actor_id=owner.user_id,
            now=now,
        )
        for (legal_name, short_name), manager in (
            (COLLEAGUES_CARD, COLLEAGUE),
            (SHARED_CARD, OTHER_COLLEAGUE),
        ):
            form = CustomerForm(
                legal_name=legal_name, short_name=short_name, manager_id=manager.user_id
            )
            draft = parse_customer_form(form, region="CN", actor_id=manager.user_id)
            card, _ = await create_customer(
                session=session, team_id=TEAM, actor_id=manager.user_id, draft=draft, now=now
            )
        await share(
            session=session,
            customer=card,
            target=Target("user", COLLEAGUE.user_id),
            actor_id=OTHER_COLLEAGUE.user_id,
            now=now,
        )


def share_channel(harness: Harness, channel: str, guest: Someone) -> dict[str, str]:
    """Invite the guest's organization to `channel` over Slack Connect, as Slack then tells
    the app: the stand-in marks the channel shared, and the channel_shared event to send."""
    harness.slack.shared_channels.add(channel)
    return {"type": "channel_shared", "channel": channel, "connected_team_id": guest.organization}


def sandbox_story(lang: Lang) -> str:
    return t(
        "console.sandbox",
        lang,
        supervisor=f"{SUPERVISOR.display_name} (@{SUPERVISOR.handle})",
        colleague=f"{COLLEAGUE.display_name} (@{COLLEAGUE.handle})",
        other=f"{OTHER_COLLEAGUE.display_name} (@{OTHER_COLLEAGUE.handle})",
        colleagues_card=COLLEAGUES_CARD[0],
        shared_card=SHARED_CARD[0],
        guest=f"{GUEST.display_name} (@{GUEST.handle})",
    )
