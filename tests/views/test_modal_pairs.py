"""Every modal is a pair: `build_X_modal(form)` and `read_X_form(view) -> XForm`. Built from
a form, filled as Slack fills it from that form's values, read back: the same form, and the
same private metadata. A field a builder forgets to prefill, or a reader forgets to read,
fails here.

Each area keeps its own list of pairs below (they are joined in one parametrised test), so
areas add theirs without touching each other's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import pytest

from bot.customers.milestones import MilestoneForm
from bot.customers.phases import PhaseForm
from bot.store.models import Contact, Customer
from bot.views.plan_modals import (
    PlanFormMetadata,
    build_milestone_modal,
    build_phase_modal,
    read_milestone_form,
    read_phase_form,
    read_plan_form_metadata,
)

View = dict[str, Any]


@dataclass(frozen=True)
class Pair:
    name: str
    form: object
    build: Callable[[object], View]
    read: Callable[[View], object]
    metadata: object = None  # what the view's private metadata must read back as
    read_metadata: Callable[[View], object] | None = None


def slack_state(view: View, values: dict[str, object]) -> View:
    """`view.state.values` as Slack sends it when the person leaves each field at `values`
    (by field name: the block id without `field_`)."""
    state: dict[str, dict[str, object]] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        value = values.get(block["block_id"].removeprefix("field_"), "")
        state[block["block_id"]] = {element["action_id"]: _element_state(element, value)}
    return {**view, "state": {"values": state}}


def _element_state(element: dict[str, Any], value: object) -> dict[str, object]:
    kind = element["type"]
    offered = element.get("options") or [
        option for group in element.get("option_groups", []) for option in group["options"]
    ]
    if kind == "static_select":
        chosen = next((o for o in offered if o["value"] == value), None)
        return {"type": kind, "selected_option": chosen}
    if kind == "multi_static_select":
        wanted = list(value) if isinstance(value, tuple | list) else []
        chosen = [next(o for o in offered if o["value"] == v) for v in wanted]
        return {"type": kind, "selected_options": chosen}
    if kind == "users_select":
        return {"type": kind, "selected_user": value or None}
    if kind == "datepicker":
        return {"type": kind, "selected_date": value or None}
    return {"type": kind, "value": value or None}


# --- phases, milestones (bot/views/plan_modals.py) ---------------------------------------
HP = Customer(
    id=7,
    team_id="T1",
    handle="HP",
    handle_key="hp",
    legal_name="惠普中国有限公司",
    manager_id="U_WANG",
    created_by="U_WANG",
)
FEW = [Contact(id=n, customer_id=7, name=f"联系人{n}", created_by="U_WANG") for n in range(1, 6)]
MANY = [Contact(id=n, customer_id=7, name=f"联系人{n}", created_by="U_WANG") for n in range(1, 151)]
PLAN_META = PlanFormMetadata(customer_id=7, channel="C_HP")


def phase_pair(name: str, form: PhaseForm, contacts: list[Contact]) -> Pair:
    return Pair(
        name,
        form,
        lambda f: build_phase_modal("zh", f, customer=HP, contacts=contacts, metadata=PLAN_META),
        read_phase_form,
        PLAN_META,
        read_plan_form_metadata,
    )


PLAN_PAIRS = [
    phase_pair(
        "phase, every field",
        PhaseForm(
            to_phase="implementation",
            primary_contact_id="U_PM",
            sales_rep_id="U_SALES",
            contact_ids=("2", "5"),
            cadence="biweekly",
            next_meeting="2026-12-09",
            adhoc_process="提前一天电话约",
            note="交接：客户付款慢 <b>&",
            reason="合同已提前签署",
        ),
        FEW,
    ),
    phase_pair("phase, the least", PhaseForm(to_phase="lcm", primary_contact_id="U_WANG"), []),
    phase_pair(
        "phase, contacts past the hundredth",
        PhaseForm(to_phase="close_out", primary_contact_id="U_PM", contact_ids=("3", "120")),
        MANY,
    ),
    Pair(
        "milestone",
        MilestoneForm(title="上线验收 <&>", due="2026-12-03"),
        lambda f: build_milestone_modal("en", f, PLAN_META),
        read_milestone_form,
        PLAN_META,
        read_plan_form_metadata,
    ),
    Pair(
        "milestone, empty",
        MilestoneForm(),
        lambda f: build_milestone_modal("zh", f, PlanFormMetadata(customer_id=7)),
        read_milestone_form,
        PlanFormMetadata(customer_id=7),
        read_plan_form_metadata,
    ),
]

PAIRS = [*PLAN_PAIRS]


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_a_modal_read_back_is_the_form_it_was_built_from(pair: Pair) -> None:
    view = pair.build(pair.form)
    filled = slack_state(view, asdict(pair.form))  # type: ignore[call-overload]

    assert pair.read(filled) == pair.form
    if pair.read_metadata is not None:
        assert pair.read_metadata(filled) == pair.metadata
