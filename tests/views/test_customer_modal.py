"""The card and contact modals: what is built can be read back, within Slack's limits."""

from __future__ import annotations

import json

import pytest

from bot.console.modal import modal_fields, state_value
from bot.customers.form import ContactForm, CustomerForm
from bot.views.customer_modal import (
    build_contact_modal,
    build_customer_modal,
    read_contact_form,
    read_customer_form,
    read_metadata,
)

FULL = CustomerForm(
    legal_name="惠普中国有限公司",
    short_name="HP",
    address="南京西路 1 号",
    province="上海",
    city="上海",
    county="静安",
    phone="021-63539330-1010",
    email="contact@oa.com.cn",
    website="www.oa.com.cn",
    notes="IT 外包",
    status="potential",
    level="3",
    manager_id="U_LI",
    security_level="2",
)


def as_submitted(view: dict) -> dict:
    """What Slack sends back when the person changes nothing."""
    values = {}
    for field in modal_fields(view):
        values.setdefault(field.block_id, {})[field.action_id] = state_value(field, "")
    return {**view, "state": {"values": values}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_customer_form_survives_the_round_trip(lang: str) -> None:
    view = build_customer_modal(
        lang, FULL, metadata={"channel": "C1", "customer_id": 7}, editing=True
    )

    assert read_customer_form(as_submitted(view)) == FULL
    assert read_metadata(view) == {"channel": "C1", "customer_id": 7}


def test_a_contact_form_survives_the_round_trip() -> None:
    form = ContactForm(
        salutation="ms",
        name="李娜",
        title="采购经理",
        office_phone="021-1",
        home_phone="",
        mobile="139 1234 5678",
        email="li@oa.com.cn",
    )

    assert read_contact_form(as_submitted(build_contact_modal("zh", form, metadata={}))) == form


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_modals_respect_slack_limits(lang: str) -> None:
    for view in (
        build_customer_modal(lang, FULL, metadata={}),
        build_contact_modal(lang, ContactForm(), metadata={}),
    ):
        assert len(view["blocks"]) <= 100
        assert len(view["title"]["text"]) <= 24
        assert len(view["submit"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
        for block in view["blocks"]:
            assert len(block["label"]["text"]) <= 2000
            for option in block["element"].get("options", []):
                assert len(option["text"]["text"]) <= 75
        assert len(json.dumps(view)) < 250_000


def test_unreadable_metadata_is_empty_not_an_error() -> None:
    assert read_metadata({"private_metadata": "not json"}) == {}
    assert read_metadata({"private_metadata": "[1, 2]"}) == {}


@pytest.mark.parametrize(
    ("lang", "job", "milestone"), [("en", "Title", "Milestone"), ("zh", "职务", "里程碑")]
)
def test_the_contact_form_asks_for_a_job_title_and_the_milestone_form_for_a_milestone(
    lang: str, job: str, milestone: str
) -> None:
    from bot.customers.milestones import MilestoneForm
    from bot.views.plan_modals import PlanFormMetadata, build_milestone_modal

    def label_of(view: dict, block_id: str) -> str:
        return next(b["label"]["text"] for b in view["blocks"] if b["block_id"] == block_id)

    contact = build_contact_modal(lang, ContactForm(), metadata={})
    assert label_of(contact, "field_title") == job
    milestone_form = build_milestone_modal(lang, MilestoneForm(), PlanFormMetadata(1))
    assert label_of(milestone_form, "field_title") == milestone
