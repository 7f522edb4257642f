"""The two Workflow Builder steps (custom functions): their inputs read into the forms the
app already has, their outputs, and the reason a step failed, in the runner's language.
Input and output names are the manifest's (manifest.yml, `functions`)."""

from __future__ import annotations

from typing import Any

from bot.customers.cards import CustomerCard
from bot.customers.duplicates import DuplicateFound
from bot.customers.form import CustomerForm
from bot.errors import DomainError
from bot.i18n import Lang, t
from bot.logs.intake import DateProblem, Done
from bot.logs.step_cases import LogStep
from bot.views.customer_errors import duplicate_error
from bot.views.refusals import build_refusal

Inputs = dict[str, Any]


def step_user(inputs: Inputs) -> str:
    """Who runs the workflow: the step's `user_id` input (Slack sends a user id)."""
    return str(inputs.get("user_id") or "")


def read_new_customer_inputs(inputs: Inputs) -> CustomerForm:
    def text(name: str) -> str:
        return str(inputs.get(name) or "").strip()

    return CustomerForm(
        legal_name=text("legal_name"),
        short_name=text("short_name"),
        city=text("city"),
        province=text("province"),
        phone=text("phone"),
        notes=text("notes"),
        manager_id=text("manager_id") or step_user(inputs),
    )


def new_customer_outputs(card: CustomerCard) -> dict[str, str]:
    customer = card.customer
    return {"customer_name": customer.legal_name, "short_name": customer.handle}


def read_log_inputs(inputs: Inputs) -> LogStep:
    return LogStep(
        customer=str(inputs.get("customer") or ""),
        summary=str(inputs.get("what_happened") or ""),
        next_step=str(inputs.get("next_step") or ""),
        kind=str(inputs.get("kind") or ""),
    )


def log_outputs(done: Done) -> dict[str, str]:
    follow_up = done.logged.follow_up
    return {
        "customer_name": done.customer.legal_name,
        "short_name": done.customer.handle,
        "follow_up_due": follow_up.due_at.isoformat() if follow_up else "",
    }


def date_problem_text(problem: DateProblem, lang: Lang) -> str:
    return t("step.date_problem", lang)


def step_failure(refusal: DomainError, lang: Lang) -> str:
    """Why the step did nothing, as plain text (Workflow Builder shows it to the runner)."""
    if isinstance(refusal, DuplicateFound):
        return next(iter(duplicate_error(refusal.matches, {}, lang).values()))
    return build_refusal(refusal, lang).text
