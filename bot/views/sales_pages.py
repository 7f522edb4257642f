"""The card's sales lists in full, a page at a time: each deal, contract and project with an
Open button, the documents as links; each page says which of how many it shows and ends with
*Show more* or "That is all of them"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.sales.contracts import ContractView
from bot.sales.list_cases import SalesPage
from bot.store.sales_models import Document, Opportunity, Project
from bot.views import ids
from bot.views.blocks import Block, Mrkdwn, Reply, context, header, md, mention, section
from bot.views.contracts import contract_line
from bot.views.deals import money, stage_name
from bot.views.documents import document_link
from bot.views.inputs import button
from bot.views.plan import more_block

T = TypeVar("T", Opportunity, ContractView, Project, Document)


def _page(
    page: SalesPage[T],
    title_key: str,
    line: Callable[[T], tuple[str, str | None]],
    open_action: str | None,
    more_action: str,
    lang: Lang,
) -> Reply:
    title = t(title_key, lang, customer=page.customer.legal_name)
    first = page.offset + 1 if page.items else page.offset
    shown = page.offset + len(page.items)
    blocks: list[Block] = [
        header(title),
        context(t("list.range", lang, first=first, last=shown, total=page.total)),
    ]
    for item in page.items:
        text, value = line(item)
        block = section(text)
        if open_action and value:
            block["accessory"] = button(t("deal.open", lang), open_action, value)
        blocks.append(block)
    if page.after:
        blocks.append(more_block(page.customer, shown, page.total, more_action, lang))
    else:
        blocks.append(context(t("list.end", lang)))
    return Reply(text=title, blocks=blocks)


def build_deal_page(page: SalesPage[Opportunity], lang: Lang) -> Reply:
    def line(deal: Opportunity) -> tuple[str, str | None]:
        stage = stage_name(deal.stage, page.pipeline, lang)
        amount = money(deal.amount_minor, deal.currency)
        close = format_day(deal.expected_close, lang) if deal.expected_close else "—"
        facts = md("deal.which_line", lang, amount=amount, close=close)
        text = Mrkdwn("*{}* · {} ({}%) · {} · {}").format(
            deal.name, stage, deal.probability, facts, mention(deal.owner_id)
        )
        return text, str(deal.id)

    return _page(page, "list.deals_title", line, ids.DEAL_OPEN, ids.DEALS_MORE, lang)


def build_contract_page(page: SalesPage[ContractView], lang: Lang) -> Reply:
    def line(view: ContractView) -> tuple[str, str | None]:
        due = money(view.due, view.contract.currency)
        return contract_line(view, lang) + " · " + t("contract.receivables", lang, due=due), str(
            view.contract.id
        )

    return _page(page, "list.contracts_title", line, ids.CONTRACT_OPEN, ids.CONTRACTS_MORE, lang)


def build_project_page(page: SalesPage[Project], lang: Lang) -> Reply:
    def line(project: Project) -> tuple[str, str | None]:
        phase = t(f"phase.{project.phase}", lang)
        text = Mrkdwn("*{}* — {} · {}").format(project.name, phase, mention(project.manager_id))
        return text, str(project.id)

    return _page(page, "list.projects_title", line, ids.PROJECT_OPEN, ids.PROJECTS_MORE, lang)


def build_document_page(page: SalesPage[Document], lang: Lang) -> Reply:
    def line(document: Document) -> tuple[str, str | None]:
        return Mrkdwn("{} · {}").format(document_link(document), mention(document.added_by)), None

    return _page(page, "list.documents_title", line, None, ids.DOCUMENTS_MORE, lang)
