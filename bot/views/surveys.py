"""Acceptance and satisfaction as people read them: the acceptance kept (who, when, for the
customer), the project manager's request to run the survey, the survey put to the customer
(questions only, nothing internal), its answer, feedback items with their closing, the
owner's reminder, and the card's satisfaction line."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.dates.display import format_moment
from bot.delivery.acceptance import Accepted
from bot.delivery.feedback import FeedbackListed, FeedbackShown
from bot.delivery.survey_rules import QUESTIONS
from bot.delivery.surveys import SurveyAnswered, SurveySent
from bot.i18n import Lang, t
from bot.store.models import Customer, Delivery
from bot.store.survey_models import FeedbackItem, Survey
from bot.views import ids
from bot.views.blocks import (
    Block,
    Mrkdwn,
    Reply,
    channel_link,
    clip,
    context,
    day,
    md,
    mention,
    moment,
    section,
)
from bot.views.inputs import button

TEXT_LIMIT = 2900
LISTED_ITEMS = 40  # of a card's feedback items: within Slack's 50 blocks per message


def _card(customer: Customer) -> Mrkdwn:
    return Mrkdwn("{} ({})").format(customer.legal_name, customer.handle)


def build_acceptance_recorded(accepted: Accepted, lang: Lang, tz: ZoneInfo) -> Reply:
    """To whoever marked it: the acceptance kept, and who is asked to run the survey."""
    acceptance = accepted.acceptance
    lines = [
        md(
            "acceptance.recorded",
            lang,
            milestone=accepted.milestone.title,
            customer=_card(accepted.customer),
            who=mention(acceptance.accepted_by),
            when=moment(acceptance.accepted_at, lang, tz),
        )
    ]
    if accepted.contact_name:
        lines.append(md("acceptance.for_customer", lang, contact=accepted.contact_name))
    if accepted.survey is not None:
        lines.append(md("acceptance.survey_asked", lang, manager=mention(accepted.survey.asked_of)))
    else:
        lines.append(md("acceptance.already", lang))
    text = Mrkdwn("\n").join(lines)
    fallback = t("acceptance.text", lang, milestone=accepted.milestone.title)
    return Reply(text=fallback, blocks=[section(clip(text, TEXT_LIMIT))])


def build_survey_request(accepted: Accepted, lang: Lang, tz: ZoneInfo) -> Reply:
    """The project manager's DM: run the survey after a call, or send it to the customer."""
    assert accepted.survey is not None and accepted.survey.id is not None
    text = md(
        "survey.request",
        lang,
        customer=_card(accepted.customer),
        milestone=accepted.milestone.title,
        when=day(accepted.acceptance.accepted_at, lang, tz),
    )
    survey = str(accepted.survey.id)
    actions = [
        {**button(t("survey.fill", lang), ids.SURVEY_FILL, survey), "style": "primary"},
        button(t("survey.send", lang), ids.SURVEY_SEND, survey),
    ]
    return Reply(
        text=t("survey.request_text", lang, customer=accepted.customer.legal_name),
        blocks=[
            section(text),
            context(md("survey.request_hint", lang)),
            {"type": "actions", "block_id": ids.SURVEY_ACTIONS, "elements": actions},
        ],
    )


def build_survey_sent(sent: SurveySent, lang: Lang) -> Reply:
    text = md(
        "survey.sent", lang, customer=_card(sent.customer), channel=channel_link(sent.channel_id)
    )
    return Reply(text=t("survey.sent_text", lang), blocks=[section(text)])


def build_customer_survey(sent: SurveySent, lang: Lang) -> Reply:
    """In the shared channel, for the customer's people: the questions and one button."""
    assert sent.survey.id is not None
    questions = Mrkdwn("\n").join(
        Mrkdwn("• ") + md(f"survey.question.{q}", lang) for q in QUESTIONS
    )
    text = md("survey.to_customer", lang, customer=sent.customer.legal_name)
    answer = button(t("survey.answer", lang), ids.SURVEY_CUSTOMER, str(sent.survey.id))
    return Reply(
        text=f"{t('survey.modal', lang)} — {sent.customer.legal_name}",
        blocks=[
            section(text + Mrkdwn("\n") + questions),
            {
                "type": "actions",
                "block_id": ids.SURVEY_ACTIONS,
                "elements": [{**answer, "style": "primary"}],
            },
        ],
    )


def build_customer_thanks(answered: SurveyAnswered, lang: Lang) -> Reply:
    """What the channel sees once answered: thanks and who answered, nothing internal."""
    who = mention(answered.survey.answered_by_user)
    text = md("survey.thanks", lang, who=who)
    return Reply(text=t("survey.thanks_text", lang), blocks=[section(text)])


def build_survey_answered(answered: SurveyAnswered, lang: Lang, tz: ZoneInfo) -> Reply:
    """For the team: the scores, the comment, who answered, and the feedback item opened."""
    survey = answered.survey
    lines = [md("survey.answered", lang, customer=_card(answered.customer))]
    lines.append(_scores(survey, lang))
    if answered.contact_name:
        lines.append(md("survey.answered_by_contact", lang, contact=answered.contact_name))
    elif survey.answered_by_user:
        lines.append(md("survey.answered_by_customer", lang, who=mention(survey.answered_by_user)))
    if survey.comment:
        lines.append(md("survey.comment", lang, text=clip(survey.comment, 1500)))
    blocks: list[Block] = [section(clip(Mrkdwn("\n").join(lines), TEXT_LIMIT))]
    if answered.feedback is not None:
        blocks.append(_feedback_section(answered.feedback, answered.customer, lang, tz))
    return Reply(
        text=t("survey.answered_text", lang, customer=answered.customer.legal_name), blocks=blocks
    )


def _scores(survey: Survey, lang: Lang) -> Mrkdwn:
    return Mrkdwn(" · ").join(
        md(
            "survey.score_line",
            lang,
            question=t(f"survey.short.{q}", lang),
            score=getattr(survey, q),
        )
        for q in QUESTIONS
    )


def _questions(questions: str, lang: Lang) -> str:
    """`质量 / 总体`: the low questions of a feedback item, kept comma-separated."""
    return " / ".join(t(f"survey.short.{q}", lang) for q in questions.split(",") if q)


def _view_button(item_id: int, lang: Lang) -> Block:
    return button(t("feedback.open", lang), ids.FEEDBACK_OPEN, str(item_id))


def _state_line(item: FeedbackItem, lang: Lang, tz: ZoneInfo) -> Mrkdwn:
    """`*Open* · owner @Wang · due 9 Dec` (or closed, and when it was due)."""
    return md(
        f"feedback.state.{item.state}",
        lang,
        owner=mention(item.owner_id),
        due=day(item.due_at, lang, tz),
    )


def _feedback_section(item: FeedbackItem, customer: Customer, lang: Lang, tz: ZoneInfo) -> Block:
    assert item.id is not None
    text = md(
        "feedback.opened",
        lang,
        questions=_questions(item.questions, lang),
        score=item.score,
        owner=mention(item.owner_id),
        due=day(item.due_at, lang, tz),
    )
    block = section(text)
    block["accessory"] = _view_button(item.id, lang)
    return block


def build_feedback_list(listed: FeedbackListed, lang: Lang, tz: ZoneInfo) -> Reply:
    """A card's feedback items, each with *View*; the oldest closed ones cut to fit."""
    title = md(
        "feedback.list_title", lang, customer=_card(listed.customer), count=len(listed.items)
    )
    blocks: list[Block] = [section(title)]
    for item in listed.items[:LISTED_ITEMS]:
        assert item.id is not None
        line = md(
            "feedback.list_line",
            lang,
            questions=_questions(item.questions, lang),
            score=item.score,
            state=_state_line(item, lang, tz),
        )
        block = section(line)
        block["accessory"] = _view_button(item.id, lang)
        blocks.append(block)
    if len(listed.items) > LISTED_ITEMS:
        blocks.append(
            context(md("feedback.list_more", lang, count=len(listed.items) - LISTED_ITEMS))
        )
    return Reply(
        text=t(
            "feedback.list_title",
            lang,
            customer=listed.customer.legal_name,
            count=len(listed.items),
        ),
        blocks=blocks,
    )


def build_feedback(shown: FeedbackShown, lang: Lang, tz: ZoneInfo) -> Reply:
    item, survey = shown.item, shown.survey
    assert item.id is not None
    lines = [
        md(
            "feedback.title",
            lang,
            customer=_card(shown.customer),
            questions=_questions(item.questions, lang),
            score=item.score,
        ),
        _state_line(item, lang, tz),
        _scores(survey, lang),
    ]
    if survey.comment:
        lines.append(md("survey.comment", lang, text=clip(survey.comment, 1000)))
    blocks: list[Block] = [section(clip(Mrkdwn("\n").join(lines), TEXT_LIMIT))]
    if item.state == "closed" and item.closed_at is not None:
        closed = Mrkdwn("\n").join(
            [
                md(
                    "feedback.closed_by",
                    lang,
                    who=mention(item.closed_by),
                    when=moment(item.closed_at, lang, tz),
                ),
                md("feedback.resolution", lang, text=clip(item.resolution, 1200)),
                md("feedback.reported_back", lang, text=clip(item.reported_back, 1200)),
            ]
        )
        blocks.append(section(clip(closed, TEXT_LIMIT)))
    elif shown.may_close:
        close = button(t("feedback.close", lang), ids.FEEDBACK_CLOSE, str(item.id))
        blocks.append({"type": "actions", "block_id": ids.SURVEY_ACTIONS, "elements": [close]})
    return Reply(text=t("feedback.text", lang, customer=shown.customer.legal_name), blocks=blocks)


def satisfaction_line(scores: list[tuple[int, datetime]], lang: Lang, tz: ZoneInfo) -> Mrkdwn:
    """`4 (3 Dec) · before: 3, 5`: the latest overall score, then the earlier ones."""
    (latest, when), earlier = scores[0], scores[1:]
    line = md("card.satisfaction_latest", lang, score=latest, day=day(when, lang, tz))
    if earlier:
        before = ", ".join(str(score) for score, _ in earlier)
        line += Mrkdwn(" · ") + md("card.satisfaction_before", lang, scores=before)
    return line


def render_feedback_due(delivery: Delivery, lang: Lang) -> Reply:
    """The owner's reminder of an open feedback item past its due date."""
    p = delivery.payload
    text = md(
        "reminder.feedback_due",
        lang,
        customer=p["customer"],
        handle=p["handle"],
        questions=_questions(p["questions"], lang),
        score=p["score"],
    )
    block = section(Mrkdwn(":speech_balloon: ") + text)
    block["accessory"] = _view_button(int(p["item_id"]), lang)
    return Reply(text=t("feedback.text", lang, customer=p["customer"]), blocks=[block])


def feedback_line(item: dict[str, Any], lang: Lang, tz: ZoneInfo, *, named: bool = False) -> Mrkdwn:
    """`• 响应得分低（2）——截止 12月9日 · @owner`, marked when past due; `named`: after the
    card's name (a supervisor's roll-up, across cards)."""
    line = Mrkdwn("  • ")
    if named:
        line += Mrkdwn("*{}* (`{}`): ").format(clip(item["name"], 60), item["handle"])
    line += md(
        "brief.feedback_line",
        lang,
        questions=_questions(item["questions"], lang),
        score=item["score"],
        due=format_moment(datetime.fromisoformat(item["due_at"]), lang, tz, zone_shown=False),
        owner=mention(item["owner"]),
    )
    if item.get("late"):
        line += Mrkdwn(" ") + md("brief.feedback_late", lang)
    return line
