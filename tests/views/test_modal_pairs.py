"""Every modal is a pair: what `build_X_modal` builds from a form, `read_X_form` reads back
equal once Slack has filled its state with the form's values — and its private metadata
comes back the same. A field a builder forgets to prefill, or a reader forgets to read,
fails here. The same holds for the buttons whose value a listener reads back.

Each area keeps its own list of pairs below (joined in one parametrised test); add yours as a
new list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.console.modal import modal_fields, state_value
from bot.console.render import clickables
from bot.customers.governance import HistoryPage
from bot.customers.merge import MergePreview
from bot.customers.merge_rows import MOVED
from bot.customers.milestones import MilestoneForm
from bot.customers.phases import PhaseForm
from bot.customers.roles import RoleForm
from bot.customers.value import ValueForm
from bot.i18n import Lang
from bot.logs.forms import FollowUpTimeForm, LogForm, MessageForm, RecordEdit
from bot.sales.deal_form import DealForm
from bot.store.models import Contact, ContactRecord, Customer, CustomerEvent
from bot.store.pipeline import Pipeline
from bot.store.sales_models import Opportunity
from bot.views.deal_modal import (
    DealFormMetadata,
    build_deal_modal,
    read_deal_form,
    read_deal_form_metadata,
)
from bot.views.deals import StageChoice, deal_actions, read_stage_choice
from bot.views.history import OlderHistory, Reader, build_history, read_older_history
from bot.views.log_metadata import (
    FollowUpMetadata,
    LogMetadata,
    MessageMetadata,
    RecordMetadata,
    read_follow_up_metadata,
    read_log_metadata,
    read_message_metadata,
    read_record_metadata,
)
from bot.views.log_modal import (
    build_edit_record_modal,
    build_log_modal,
    build_message_modal,
    build_time_modal,
    read_log_form,
    read_message_form,
    read_record_edit,
    read_time_form,
)
from bot.views.merges import (
    MergeChoice,
    ValueMetadata,
    build_merge_preview,
    build_value_modal,
    read_merge_choice,
    read_value_form,
    read_value_metadata,
)
from bot.views.plan_modals import (
    PlanFormMetadata,
    build_milestone_modal,
    build_phase_modal,
    read_milestone_form,
    read_phase_form,
    read_plan_form_metadata,
)
from bot.views.roles import RoleMetadata, build_role_modal, read_role_form, read_role_metadata

View = dict[str, Any]


def submitted(view: View, form: Any) -> View:
    """The view as Slack sends it back once each field holds the form's value, typed as a
    person types it (the console's field rules turn the text into Slack's state)."""
    answers = {name: str(value) for name, value in asdict(form).items()}
    values: dict[str, dict[str, Any]] = {}
    for field in modal_fields(view):
        raw = answers.get(field.block_id.removeprefix("field_"), "")
        values.setdefault(field.block_id, {})[field.action_id] = state_value(field, raw)
    return {**view, "state": {"values": values}}


def slack_state(view: View, form: Any) -> View:
    """`view.state.values` as Slack sends it when the person leaves each field at the form's
    values (by field name: the block id without `field_`), multi-selects included."""
    values = asdict(form)
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


def typed_as_chosen(fields: dict[str, str] | None = None) -> Callable[[View, Any], View]:
    """Fill as a person does: each field typed (or, for a search, the option chosen), fields
    named as the form names them unless `fields` maps them; a field the form leaves out
    (None) keeps what the modal shows."""

    def fill(view: View, form: Any) -> View:
        names = fields or {}
        answers = {
            names.get(attribute, attribute): value
            for attribute, value in asdict(form).items()
            if value is not None
        }
        values: dict[str, dict[str, Any]] = {}
        for field in modal_fields(view):
            typed = answers.get(field.block_id.removeprefix("field_"), "")
            if field.kind == "external_select":
                chosen = {"text": {"type": "plain_text", "text": typed}, "value": typed}
                state = {"type": field.kind, "selected_option": chosen if typed else None}
            else:
                state = state_value(field, typed)
            values.setdefault(field.block_id, {})[field.action_id] = state
        return {**view, "state": {"values": values}}

    return fill


@dataclass(frozen=True)
class ModalPair:
    name: str
    form: Any  # the form dataclass the modal is built from
    metadata: Any  # its typed private metadata
    build: Callable[[Any, Any], View]
    read_form: Callable[[View], Any]
    read_metadata: Callable[[View], Any]
    fill: Callable[[View, Any], View] = submitted  # how Slack fills the state from the form


@dataclass(frozen=True)
class ButtonPair:
    name: str
    value: Any  # what the button says, typed
    build: Callable[[Any], list[dict[str, Any]]]  # blocks holding the button
    read: Callable[[dict[str, Any]], Any]  # from the action Slack sends


# --- the governance floor: value modal, Merge button, Older changes (bot/views/merges.py,
# bot/views/history.py) -----------------------------------------------------------------------
def _card(customer_id: int, name: str) -> Customer:
    return Customer(id=customer_id, team_id="T1", handle=name, handle_key=name, legal_name=name)


def _preview_blocks(choice: MergeChoice) -> list[dict[str, Any]]:
    duplicate, kept = _card(choice.duplicate_id, "HP2"), _card(choice.kept_id, "HP")
    preview = MergePreview(duplicate, kept, dict.fromkeys(MOVED, 1))
    return build_merge_preview(preview, "en").blocks


def _history_blocks(older: OlderHistory) -> list[dict[str, Any]]:
    """A page of eleven events whose tenth (the oldest shown) is `older.before_id`."""
    events = [
        CustomerEvent(
            id=older.before_id + 9 - n,
            team_id="T1",
            customer_id=older.customer_id,
            actor_id="U1",
            at=datetime(2026, 11, 23, 6, 30, tzinfo=UTC),
            action="edit",
            changes={"city": [str(n), str(n + 1)]},
        )
        for n in range(11)
    ]
    page = HistoryPage(_card(older.customer_id, "HP"), events, {}, {}, continued=False)
    return build_history(page, Reader("en", ZoneInfo("UTC"))).blocks


GOVERNANCE_MODALS = [
    ModalPair(
        "value, every factor chosen",
        ValueForm(size="5", profitability="1", investment="3", strategic_fit="4"),
        ValueMetadata(customer_id=7, channel="C1"),
        lambda form, metadata: build_value_modal("zh", form, metadata),
        read_value_form,
        read_value_metadata,
    ),
    ModalPair(
        "value, never assessed, opened from a DM",
        ValueForm(),
        ValueMetadata(customer_id=8, channel=None),
        lambda form, metadata: build_value_modal("en", form, metadata),
        read_value_form,
        read_value_metadata,
    ),
]
GOVERNANCE_BUTTONS = [
    ButtonPair("merge", MergeChoice(12, 3), _preview_blocks, read_merge_choice),
    ButtonPair("older changes", OlderHistory(5, 91), _history_blocks, read_older_history),
]
# ------------------------------------------------------------------------------------------

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
PHASE_META = PlanFormMetadata(customer_id=7, channel="C_HP", from_phase="pre_contract")


def phase_pair(name: str, form: PhaseForm, contacts: list[Contact]) -> ModalPair:
    return ModalPair(
        name,
        form,
        PHASE_META,
        lambda f, m: build_phase_modal("zh", f, customer=HP, contacts=contacts, metadata=m),
        read_phase_form,
        read_plan_form_metadata,
        slack_state,
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
    ModalPair(
        "milestone",
        MilestoneForm(title="上线验收 <&>", due="2026-12-03"),
        PLAN_META,
        lambda f, m: build_milestone_modal("en", f, m),
        read_milestone_form,
        read_plan_form_metadata,
        slack_state,
    ),
    ModalPair(
        "milestone, empty",
        MilestoneForm(),
        PlanFormMetadata(customer_id=7),
        lambda f, m: build_milestone_modal("zh", f, m),
        read_milestone_form,
        read_plan_form_metadata,
        slack_state,
    ),
]

# --- contact records (/log, the message shortcut, edit record, follow-up time) -------------
LOG_CARD = Customer(
    id=7,
    team_id="T1",
    handle="HP",
    handle_key="hp",
    legal_name="惠普中国有限公司",
    manager_id="U1",
    created_by="U1",
)
FULL_LOG = LogForm(
    customer_id="7",
    kind="call",
    contact_id="12",
    summary="给张总打电话 <&> 🎉",
    next_step="发方案 下周五",
    follow_up_date="2026-12-04",
    follow_up_time="14:30",
)


def record(form: RecordEdit, *, summary: str | None = None) -> ContactRecord:
    """The record an edit form opens on: the form's text, or a longer one it cannot offer."""
    return ContactRecord(
        id=3,
        team_id="T1",
        customer_id=7,
        author_id="U1",
        summary=summary or form.summary or "",
        next_step=form.next_step,
        created_at=datetime(2026, 11, 22, tzinfo=UTC),
    )


def contact_record_pairs(lang: Lang) -> list[ModalPair]:
    to_customer = typed_as_chosen({"customer_id": "customer"})
    return [
        ModalPair(
            f"log modal, every field ({lang})",
            FULL_LOG,
            LogMetadata("C1"),
            lambda f, m: build_log_modal(lang, f, m),
            read_log_form,
            read_log_metadata,
            to_customer,
        ),
        ModalPair(
            f"log modal from Home, nothing typed ({lang})",
            LogForm(),
            LogMetadata(from_home=True),
            lambda f, m: build_log_modal(lang, f, m),
            read_log_form,
            read_log_metadata,
            to_customer,
        ),
        ModalPair(
            f"log modal opened on a card ({lang})",
            LogForm(customer_id="7", kind="visit", summary="参观工厂"),
            LogMetadata("C1"),
            lambda f, m: build_log_modal(lang, f, m, customer=LOG_CARD),
            read_log_form,
            read_log_metadata,
            to_customer,
        ),
        ModalPair(
            f"message modal ({lang})",
            MessageForm(customer_id="7", kind="email", next_step="跟进评审结果 下周五"),
            MessageMetadata(pending_id=5, channel="C1"),
            lambda f, m: build_message_modal(lang, message_text="方案收到", metadata=m, form=f),
            read_message_form,
            read_message_metadata,
            to_customer,
        ),
        ModalPair(
            f"edit-record modal ({lang})",
            RecordEdit(summary="给张总打电话 <&>", next_step=""),
            RecordMetadata(3, "C1"),
            lambda f, m: build_edit_record_modal(lang, record(f), m),
            read_record_edit,
            read_record_metadata,
            typed_as_chosen(),
        ),
        ModalPair(
            f"edit-record modal of a text longer than a form holds, kept whole ({lang})",
            RecordEdit(summary=None, next_step="发报价单"),
            RecordMetadata(3),
            lambda f, m: build_edit_record_modal(lang, record(f, summary="长" * 3001), m),
            read_record_edit,
            read_record_metadata,
            typed_as_chosen(),
        ),
        ModalPair(
            f"follow-up time modal ({lang})",
            FollowUpTimeForm("2026-12-05", "14:30"),
            FollowUpMetadata(9, "D1"),
            lambda f, m: build_time_modal(lang, f, m),
            read_time_form,
            read_follow_up_metadata,
            typed_as_chosen(),
        ),
    ]


CONTACT_RECORD_PAIRS = [*contact_record_pairs("en"), *contact_record_pairs("zh")]
# ------------------------------------------------------------------------------------------


# --- deals (bot/views/deal_modal.py, bot/views/deals.py) ---------------------------------
def deal_pairs(lang: Lang) -> list[ModalPair]:
    pipeline = Pipeline()
    return [
        ModalPair(
            f"deal, every field ({lang})",
            DealForm(
                name="ERP升级 <&>",
                amount="120万",
                stage="proposal",
                probability="55",
                expected_close="2026-12-31",
                owner_id="U_WANG",
                next_step="发方案 下周五",
                next_step_date="2026-12-04",
                loss_reason="价格",
                past_close_ok="yes",
            ),
            DealFormMetadata(customer_id=7, deal_id=3, channel="C1"),
            lambda f, m: build_deal_modal(lang, f, pipeline, m),
            read_deal_form,
            read_deal_form_metadata,
        ),
        ModalPair(
            f"deal, new and nearly empty ({lang})",
            DealForm(name="CRM", stage="qualified", owner_id="U_WANG"),
            DealFormMetadata(customer_id=7),
            lambda f, m: build_deal_modal(lang, f, pipeline, m),
            read_deal_form,
            read_deal_form_metadata,
        ),
    ]


def _deal_blocks(choice: StageChoice) -> list[dict[str, Any]]:
    """A deal's buttons, of which only the stage `choice` names is kept."""
    deal = Opportunity(
        id=choice.deal_id,
        team_id="T1",
        customer_id=7,
        name="ERP",
        stage="proposal",
        owner_id="U1",
        created_by="U1",
    )
    actions = deal_actions(deal, Pipeline(), "en", offer_contract=False)
    kept = [e for e in actions["elements"] if e.get("value") == choice.to_value()]
    return [{**actions, "elements": kept}]


DEAL_PAIRS = [*deal_pairs("en"), *deal_pairs("zh")]
DEAL_BUTTONS = [
    ButtonPair("deal stage won", StageChoice(12, "won"), _deal_blocks, read_stage_choice),
    ButtonPair("deal stage back", StageChoice(5, "qualified"), _deal_blocks, read_stage_choice),
]
# ------------------------------------------------------------------------------------------

# --- contact roles (bot/views/roles.py) ------------------------------------------------------
ROLE_PAIRS = [
    ModalPair(
        f"contact role {role or 'none'}, {state}",
        RoleForm(role=role, state=state),
        RoleMetadata(customer_id=7, contact_id=3, channel=channel),
        lambda form, metadata: build_role_modal("zh", form, metadata, contact="张伟"),
        read_role_form,
        read_role_metadata,
        slack_state,
    )
    for role, state, channel in (
        ("decision_maker", "active", "C1"),
        ("finance", "left", None),
        ("", "active", "C2"),
    )
]
# ------------------------------------------------------------------------------------------

MODAL_PAIRS = [*GOVERNANCE_MODALS, *PLAN_PAIRS, *CONTACT_RECORD_PAIRS, *DEAL_PAIRS, *ROLE_PAIRS]
BUTTON_PAIRS = [*GOVERNANCE_BUTTONS, *DEAL_BUTTONS]


@pytest.mark.parametrize("pair", MODAL_PAIRS, ids=lambda pair: pair.name)
def test_a_modal_reads_back_the_form_it_was_built_from(pair: ModalPair) -> None:
    view = pair.build(pair.form, pair.metadata)

    back = pair.fill(view, pair.form)

    assert pair.read_form(back) == pair.form
    assert pair.read_metadata(back) == pair.metadata


@pytest.mark.parametrize("pair", BUTTON_PAIRS, ids=lambda pair: pair.name)
def test_a_button_reads_back_what_it_was_built_to_say(pair: ButtonPair) -> None:
    (button,) = clickables(pair.build(pair.value))

    assert pair.read({"value": button.element["value"]}) == pair.value


@pytest.mark.parametrize("pair", GOVERNANCE_MODALS, ids=lambda pair: pair.name)
def test_saving_the_value_form_unchanged_keeps_the_assessment_shown(pair: ModalPair) -> None:
    view = pair.build(pair.form, pair.metadata)

    left_as_prefilled = submitted(view, ValueForm())  # nothing typed: the prefilled values
    assert pair.read_form(left_as_prefilled) == pair.form
