"""Acceptance, the satisfaction survey and feedback items from Slack: *Done* on an acceptance
milestone opens the acceptance form (bot/commands/phases.py), whose saving asks the project
manager in a DM to run the survey; the PM fills it in after a call or sends it to the channel
shared with the customer, where only the customer's own people may answer; a low score opens
a feedback item closed only once the resolution was reported back. Each listener: ack, read,
one use case (bot/delivery/), build, respond; refusals are told by `reported`."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.actors import actor_of, channel_of, presser_team_of
from bot.commands.customer import Args
from bot.commands.deps import deps_of
from bot.commands.errors import guarded
from bot.commands.replies import open_modal, respond_private, tell_user
from bot.delivery import acceptance, feedback, surveys
from bot.delivery.surveys import CustomerPress, SurveyAnswered
from bot.inflight import InFlight
from bot.views import ids
from bot.views.blocks import Reply
from bot.views.survey_modal import (
    SurveyFormMetadata,
    build_close_modal,
    build_survey_modal,
    read_acceptance_form,
    read_close_form,
    read_survey_form,
    read_survey_metadata,
)
from bot.views.surveys import (
    build_acceptance_recorded,
    build_customer_survey,
    build_customer_thanks,
    build_feedback,
    build_feedback_list,
    build_survey_answered,
    build_survey_request,
    build_survey_sent,
)

log = logging.getLogger(__name__)


async def acceptance_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Saved before the ack (refusals under the fields); then the PM is asked in a DM."""
    actor, meta = await actor_of(context, channels=False), read_survey_metadata(view)
    accepted = await acceptance.accept(
        deps_of(context).db, actor=actor, milestone_id=meta.row_id, form=read_acceptance_form(view)
    )
    await ack()
    reply = build_acceptance_recorded(accepted, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)
    if accepted.survey is not None:
        pm = await deps_of(context).people.resolve(client, actor.team_id, accepted.survey.asked_of)
        await _post(
            client, accepted.survey.asked_of, build_survey_request(accepted, pm.lang, pm.tz)
        )


async def fill_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Fill in after a call*: the survey form, naming who answered."""
    await ack()
    actor = await actor_of(context)
    opened = await surveys.open_survey(
        deps_of(context).db, actor=actor, survey_id=int(action["value"])
    )
    meta = SurveyFormMetadata(row_id=int(action["value"]), channel=channel_of(body))
    await open_modal(
        context.client, body["trigger_id"], build_survey_modal(actor.lang, opened, meta)
    )


async def survey_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_survey_metadata(view)
    answered = await surveys.record_survey(
        deps_of(context).db, actor=actor, survey_id=meta.row_id, form=read_survey_form(view)
    )
    await ack()
    reply = build_survey_answered(answered, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def send_pressed(
    ack: AsyncAck,
    action: Args,
    context: AsyncBoltContext,
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> None:
    """*Send to the customer*: the survey goes to the channel shared with them."""
    await ack()
    actor = await actor_of(context)
    sent = await surveys.send_to_customer(
        deps_of(context).db, actor=actor, survey_id=int(action["value"])
    )
    await client.chat_postMessage(
        channel=sent.channel_id, **build_customer_survey(sent, actor.lang).as_message()
    )
    await respond_private(respond, build_survey_sent(sent, actor.lang))


async def customer_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """*Answer the survey* in the shared channel: the form, for the customer's people only."""
    await ack()
    actor = await actor_of(context, channels=False)
    press = CustomerPress(
        user_id=actor.user_id,
        user_team_id=presser_team_of(body),
        channel_id=channel_of(body) or "",
        survey_id=int(action["value"]),
    )
    opened = await surveys.open_as_customer(deps_of(context).db, actor=actor, press=press)
    meta = SurveyFormMetadata(row_id=press.survey_id, channel=press.channel_id)
    await open_modal(
        context.client, body["trigger_id"], build_survey_modal(actor.lang, opened, meta)
    )


async def customer_submitted(
    ack: AsyncAck, body: Args, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The customer's answer: checked again, thanked in the channel, the PM told in a DM."""
    actor, meta = await actor_of(context, channels=False), read_survey_metadata(view)
    press = CustomerPress(
        user_id=actor.user_id,
        user_team_id=presser_team_of(body),
        channel_id=meta.channel or "",
        survey_id=meta.row_id,
    )
    answered = await surveys.answer_as_customer(
        deps_of(context).db, actor=actor, press=press, form=read_survey_form(view)
    )
    await ack()
    await _post(client, press.channel_id, build_customer_thanks(answered, actor.lang))
    await _tell_pm(client, context, answered)


async def feedback_opened(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await feedback.show_feedback(
        deps_of(context).db, actor=actor, item_id=int(action["value"])
    )
    await respond_private(respond, build_feedback(shown, actor.lang, actor.tz))


async def feedback_listed(
    ack: AsyncAck, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    listed = await feedback.list_feedback(
        deps_of(context).db, actor=actor, customer_id=int(action["value"])
    )
    await respond_private(respond, build_feedback_list(listed, actor.lang, actor.tz))


async def close_pressed(
    ack: AsyncAck, body: Args, action: Args, context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    actor = await actor_of(context)
    shown = await feedback.open_closing(
        deps_of(context).db, actor=actor, item_id=int(action["value"])
    )
    meta = SurveyFormMetadata(row_id=int(action["value"]), channel=channel_of(body))
    await open_modal(context.client, body["trigger_id"], build_close_modal(actor.lang, shown, meta))


async def close_submitted(
    ack: AsyncAck, view: Args, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    actor, meta = await actor_of(context, channels=False), read_survey_metadata(view)
    closed = await feedback.close_feedback(
        deps_of(context).db, actor=actor, item_id=meta.row_id, form=read_close_form(view)
    )
    await ack()
    reply = build_feedback(closed, actor.lang, actor.tz)
    await tell_user(client, channel=meta.channel, user=actor.user_id, reply=reply)


async def _tell_pm(
    client: AsyncWebClient, context: AsyncBoltContext, answered: SurveyAnswered
) -> None:
    pm = answered.survey.asked_of
    person = await deps_of(context).people.resolve(client, answered.survey.team_id, pm)
    await _post(client, pm, build_survey_answered(answered, person.lang, person.tz))


async def _post(client: AsyncWebClient, channel: str, reply: Reply) -> None:
    try:
        await client.chat_postMessage(channel=channel, **reply.as_message())
    except Exception:  # a missing DM or channel must not undo what was saved
        log.warning("could not post to %s", channel, exc_info=True)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.view(ids.ACCEPTANCE_VIEW)(guarded(inflight, acceptance_submitted))
    app.view(ids.SURVEY_VIEW)(guarded(inflight, survey_submitted))
    app.view(ids.SURVEY_CUSTOMER_VIEW)(guarded(inflight, customer_submitted))
    app.view(ids.FEEDBACK_CLOSE_VIEW)(guarded(inflight, close_submitted))
    app.action(ids.SURVEY_FILL)(guarded(inflight, fill_pressed))
    app.action(ids.SURVEY_SEND)(guarded(inflight, send_pressed))
    app.action(ids.SURVEY_CUSTOMER)(guarded(inflight, customer_pressed))
    app.action(ids.FEEDBACK_OPEN)(guarded(inflight, feedback_opened))
    app.action(ids.FEEDBACK_LIST)(guarded(inflight, feedback_listed))
    app.action(ids.FEEDBACK_CLOSE)(guarded(inflight, close_pressed))
