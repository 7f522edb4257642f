"""The card's *Deals*, *Contracts*, *Projects* and *Documents* buttons, and *Show more* on
their pages. Each listener: ack, read, one use case (bot/sales/list_cases.py), build,
respond."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.commands.card_pages import page_listener
from bot.commands.errors import guarded
from bot.inflight import InFlight
from bot.sales import list_cases
from bot.views import ids
from bot.views.sales_pages import (
    build_contract_page,
    build_deal_page,
    build_document_page,
    build_project_page,
)

deals_listed = page_listener("deals_listed", list_cases.deal_page, build_deal_page)
contracts_listed = page_listener("contracts_listed", list_cases.contract_page, build_contract_page)
projects_listed = page_listener("projects_listed", list_cases.project_page, build_project_page)
documents_listed = page_listener("documents_listed", list_cases.document_page, build_document_page)


def register(app: AsyncApp, inflight: InFlight) -> None:
    app.action(ids.DEALS_MORE)(guarded(inflight, deals_listed))
    app.action(ids.CONTRACTS_MORE)(guarded(inflight, contracts_listed))
    app.action(ids.PROJECTS_MORE)(guarded(inflight, projects_listed))
    app.action(ids.DOCUMENTS_MORE)(guarded(inflight, documents_listed))
