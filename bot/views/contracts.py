"""A contract as people read it — amounts in their habits, days in their language — with
its payment milestones (*Received* on each still due) and its buttons: Create project,
Attach document, Cancel contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.sales.contracts import ContractView
from bot.store.sales_models import Receivable
from bot.views import ids
from bot.views.blocks import Block, Reply, clip, context, section
from bot.views.deals import money
from bot.views.inputs import button

RECEIVABLES_SHOWN = 20


@dataclass(frozen=True)
class TargetValue:
    """What *Attach document* says: the card, and the contract or project (0: none)."""

    customer_id: int
    contract_id: int = 0
    project_id: int = 0

    def to_value(self) -> str:
        return f"{self.customer_id}:{self.contract_id}:{self.project_id}"


def read_target_value(action: dict[str, object]) -> TargetValue:
    customer, contract, project = (int(x) for x in str(action["value"]).split(":"))
    return TargetValue(customer, contract, project)


def contract_line(view: ContractView, lang: Lang) -> str:
    c = view.contract
    status = "" if c.status == "signed" else f" · _{t('contract.status_cancelled', lang)}_"
    signed = format_day(c.signed_on, lang)
    return (
        t(
            "contract.line",
            lang,
            number=c.number,
            title=clip(c.title, 120),
            amount=money(c.amount_minor, c.currency),
            signed=signed,
        )
        + status
    )


def build_contract(view: ContractView, lang: Lang, *, title_key: str = "contract.shown") -> Reply:
    c, customer = view.contract, view.customer
    card = f"{customer.legal_name} ({customer.handle})"
    lines = [t(title_key, lang, customer=card), contract_line(view, lang)]
    if c.starts_on or c.ends_on:
        start = format_day(c.starts_on, lang) if c.starts_on else "—"
        end = format_day(c.ends_on, lang) if c.ends_on else "—"
        lines.append(t("contract.term", lang, start=start, end=end))
    if view.deal is not None:
        lines.append(t("contract.closes_deal", lang, deal=view.deal.name))
    if c.status == "cancelled" and c.cancel_reason:
        lines.append(t("contract.cancelled_because", lang, reason=c.cancel_reason))
    blocks: list[Block] = [section("\n".join(lines))]
    if view.receivables:
        due = money(view.due, c.currency)
        blocks.append(section(f"*{t('contract.receivables', lang, due=due)}*"))
        for number, receivable in enumerate(view.receivables[:RECEIVABLES_SHOWN]):
            blocks.append(_receivable_block(receivable, c.currency, number, lang, view.today))
        if len(view.receivables) > RECEIVABLES_SHOWN:
            left = len(view.receivables) - RECEIVABLES_SHOWN
            blocks.append(context(t("list.more", lang, count=left)))
    if c.status == "signed":
        blocks.append(_actions(view, lang))
    return Reply(text=t("contract.text", lang, number=c.number, title=c.title), blocks=blocks)


def _receivable_block(
    receivable: Receivable, currency: str, number: int, lang: Lang, today: date | None = None
) -> Block:
    amount = money(receivable.amount_minor, currency)
    title = receivable.title if receivable.title else t("contract.payment", lang)
    due = format_day(receivable.due_on, lang)
    if receivable.status == "received" and receivable.received_on is not None:
        state = t("contract.received_on", lang, day=format_day(receivable.received_on, lang))
        return section(f"✅ {title} — {amount} · {t('contract.due_on', lang, day=due)} · {state}")
    if receivable.status == "cancelled":
        return section(f"~{title} — {amount}~ · {t('contract.status_cancelled', lang)}")
    late = (
        f" · {t('card.overdue', lang)}" if today is not None and receivable.due_on < today else ""
    )
    block = section(f"◻️ {title} — {amount} · {t('contract.due_on', lang, day=due)}{late}")
    block["accessory"] = button(
        t("contract.mark_received", lang), f"{ids.RECEIVED}.{number}", str(receivable.id)
    )
    return block


def _actions(view: ContractView, lang: Lang) -> Block:
    c = view.contract
    assert c.id is not None
    target = TargetValue(view.customer.id or 0, c.id).to_value()
    project = button(t("contract.create_project", lang), ids.PROJECT_FROM_CONTRACT, str(c.id))
    return {
        "type": "actions",
        "block_id": f"contract_actions_{c.id}",
        "elements": [
            {**project, "style": "primary"},
            button(t("document.attach", lang), ids.DOCUMENT_NEW, target),
            button(t("contract.cancel", lang), ids.CONTRACT_CANCEL, str(c.id)),
        ],
    }
