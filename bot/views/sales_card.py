"""The card's sales sections (004: the card lists the customer's contracts, deals, projects
and documents): one section of four short fields — open deals with their sum and next close,
contracts with their signed value and what is still due, active projects with their phase
and next milestone, the latest documents — and one row of buttons that list each in full and
add a new one. Two blocks whatever the card holds, so the card stays within Slack's 50."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.store.sales_summary import ProjectLine, SalesSummary
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, clip, day, md, mrkdwn_text
from bot.views.contracts import TargetValue
from bot.views.deals import money
from bot.views.documents import document_link
from bot.views.inputs import button
from bot.views.surveys import satisfaction_line

FIELD_LIMIT = 2000  # the most a section field holds


def _sums(amounts: dict[str, int], lang: Lang) -> str:
    ordered = sorted(amounts, key=lambda c: -amounts[c])
    return " + ".join(money(amounts[c], c, compact=True, lang=lang) for c in ordered) or "—"


def _field(title: str, lines: list[str]) -> dict[str, str]:
    """A field's title in bold over its lines (text escaped, our links and dates kept)."""
    return mrkdwn_text(Mrkdwn("*{}*\n").format(title) + Mrkdwn("\n").join(lines), FIELD_LIMIT)


UTC_ZONE = ZoneInfo("UTC")


def sales_blocks(
    customer: Customer,
    sales: SalesSummary,
    lang: Lang,
    *,
    may_edit: bool = True,
    as_of: datetime | None = None,  # what is due before it is said to be late
    tz: ZoneInfo = UTC_ZONE,  # the reader's: a date is late from the day after it, there
) -> list[Block]:
    blocks: list[Block] = []
    if sales.anything:
        fields = _fields(sales, lang, as_of, tz)
        blocks.append({"type": "section", "block_id": "card_sales", "fields": fields})
    blocks.append(_actions(customer, sales, lang, may_edit))
    return blocks


def _passed(day: date | None, today: date | None) -> bool:
    return day is not None and today is not None and day < today


def _fields(
    sales: SalesSummary, lang: Lang, as_of: datetime | None, tz: ZoneInfo
) -> list[dict[str, str]]:
    today = as_of.astimezone(tz).date() if as_of is not None else None
    deals = [
        t("card.deals_line", lang, count=sales.deals_open, amount=_sums(sales.open_amounts, lang))
    ]
    if sales.next_close is not None:
        key = "card.next_close_passed" if _passed(sales.next_close, today) else "card.next_close"
        deals.append(t(key, lang, day=format_day(sales.next_close, lang)))
    contracts = [
        t(
            "card.contracts_line",
            lang,
            count=sales.contracts_signed,
            amount=_sums(sales.signed_amounts, lang),
        )
    ]
    if sales.receivable_due:
        due = _sums(sales.receivable_due, lang)
        nxt = format_day(sales.next_receivable, lang) if sales.next_receivable else "—"
        late = _passed(sales.next_receivable, today)
        key = "card.receivable_overdue" if late else "card.receivable_due"
        contracts.append(t(key, lang, amount=due, day=nxt))
    projects: list[str] = [_project_line(line, lang, as_of) for line in sales.projects] or [
        t("card.none", lang)
    ]
    documents: list[str] = [document_link(d) for d in sales.documents] or [t("card.none", lang)]
    fields = [
        _field(t("card.deals", lang, count=sales.deals_total), deals),
        _field(t("card.contracts", lang, count=sales.contracts_total), contracts),
        _field(t("card.projects", lang, count=sales.projects_active), projects),
        _field(t("card.documents", lang, count=sales.documents_total), documents),
    ]
    if sales.satisfaction or sales.feedback_open:
        fields.append(_field(t("card.satisfaction", lang), _satisfaction(sales, lang)))
    return fields


def _satisfaction(sales: SalesSummary, lang: Lang) -> list[str]:
    """`4 (3 Dec) · before: 3, 5` and the feedback items still open (issue 21)."""
    lines: list[str] = []
    if sales.satisfaction:
        lines.append(satisfaction_line(sales.satisfaction, lang, ZoneInfo("UTC")))
    if sales.feedback_open:
        lines.append(md("card.feedback_open", lang, count=sales.feedback_open))
    return lines


def _project_line(line: ProjectLine, lang: Lang, as_of: datetime | None) -> Mrkdwn:
    project, milestone = line.project, line.next_milestone
    phase = t(f"phase.{project.phase}", lang)
    text = md("card.project_line", lang, name=clip(project.name, 60), phase=phase)
    if milestone is None:
        return text
    when = day(milestone.due_at, lang, ZoneInfo(milestone.tz))
    title = clip(milestone.title, 60)
    # late once its moment has passed, as a milestone slipping counts in health
    late = as_of is not None and milestone.due_at < as_of
    key = "card.next_milestone_late" if late else "card.next_milestone"
    return text + Mrkdwn(" · ") + md(key, lang, title=title, day=when)


def _actions(customer: Customer, sales: SalesSummary, lang: Lang, may_edit: bool) -> Block:
    card = str(customer.id)
    elements = []
    for total, key, action in (
        (sales.deals_total, "card.more_deals", ids.DEALS_MORE),
        (sales.contracts_total, "card.more_contracts", ids.CONTRACTS_MORE),
        (sales.projects_total, "card.more_projects", ids.PROJECTS_MORE),
        (sales.documents_total, "card.more_documents", ids.DOCUMENTS_MORE),
    ):
        if total:
            elements.append(button(t(key, lang, count=total), action, f"{card}:0"))
    if sales.changes_total:
        elements.append(
            button(t("card.changes", lang, count=sales.changes_open), ids.CHANGE_LIST, card)
        )
    if sales.feedback_total:
        count = sales.feedback_open
        elements.append(
            button(t("card.feedback_items", lang, count=count), ids.FEEDBACK_LIST, card)
        )
    if may_edit:  # deals, contracts and projects are for who may change the card
        elements += [
            button(t("card.new_deal", lang), ids.DEAL_NEW, card),
            button(t("card.new_contract", lang), ids.CONTRACT_NEW, card),
            button(t("card.new_project", lang), ids.PROJECT_NEW, card),
        ]
    elements += [  # a change is asked for, and documents attached, by whoever sees it
        button(t("change.new", lang), ids.CHANGE_NEW, card),
        button(t("card.requirements", lang), ids.REQUIREMENT_LIST, card),
        button(
            t("document.attach", lang), ids.DOCUMENT_NEW, TargetValue(customer.id or 0).to_value()
        ),
    ]
    return {"type": "actions", "block_id": "card_sales_actions", "elements": elements}
