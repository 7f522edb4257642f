"""A card's history reads like the card: each stored event as its kind's label, then every
field it changed with the card's label and the card's way of showing the value, in the
reader's language and time zone; no internal names, codes or ids; paged when long."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.console.render import mrkdwn_to_text, render_blocks
from bot.customers.card_values import CARD_FIELDS
from bot.customers.contacts import CONTACT_FIELDS
from bot.customers.governance import HISTORY_PAGE, HistoryPage
from bot.store.models import Customer, CustomerEvent
from bot.views.blocks import MESSAGE_BLOCK_LIMIT, SECTION_TEXT_LIMIT
from bot.views.history import Reader, build_history, event_lines

AT = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai, 21:30 on 30 Nov in New York
HP = Customer(id=1, team_id="T1", handle="HP", handle_key="hp", legal_name="惠普中国有限公司")
ZH = Reader("zh", ZoneInfo("Asia/Shanghai"), "CN")
EN = Reader("en", ZoneInfo("America/New_York"), "CN")
WHEN = {
    "zh": " · @U_WANG · 2026年12月1日 周二 10:30（Asia/Shanghai）",
    "en": " · @U_WANG · Mon 30 Nov 2026, 21:30 (America/New_York)",
}


def page(*events: CustomerEvent, continued: bool = False) -> HistoryPage:
    return HistoryPage(
        customer=HP,
        events=list(events),
        contacts={2: "张伟"},
        records={9: "给张总打电话确认需求"},
        continued=continued,
    )


def event(action: str, changes: dict, *, source: str = "slack", id: int = 1) -> CustomerEvent:
    return CustomerEvent(
        id=id,
        team_id="T1",
        customer_id=1,
        actor_id="U_WANG",
        at=AT,
        action=action,
        source=source,
        changes=changes,
    )


def lines(stored: CustomerEvent, reader: Reader) -> list[str]:
    return [mrkdwn_to_text(line) for line in event_lines(stored, page(stored), reader)]


CREATED = {
    "legal_name": [None, "惠普中国有限公司"],
    "handle": [None, "HP"],
    "city": [None, "上海"],
    "phone_e164": [None, "+862163539330"],
    "phone_ext": [None, "1010"],
    "website": [None, "www.oa.com.cn"],
    "notes": [None, "IT 外包"],
    "status": [None, "potential"],
    "level": [None, 3],
    "manager_id": [None, "U_LI"],
    "security_level": [None, 0],
}
TABLE = [
    (
        event("create", CREATED),
        [
            "*创建卡片*",
            "名称（全称）：惠普中国有限公司",
            "简称：HP",
            "城市：上海",
            "电话：021 6353 9330 转 1010",
            "网站：www.oa.com.cn",
            "备注：IT 外包",
            "状况：潜在",
            "级别：3",
            "客户经理：@U_LI",
            "安全级别：0",
        ],
        [
            "*Card created*",
            "Full legal name: 惠普中国有限公司",
            "Short name: HP",
            "City: 上海",
            "Phone: 021 6353 9330 ext. 1010",
            "Website: www.oa.com.cn",
            "Notes: IT 外包",
            "Status: Potential",
            "Level: 3",
            "Manager: @U_LI",
            "Security level: 0",
        ],
    ),
    (
        event("create", {"legal_name": [None, "惠普中国有限公司"]}, source="import"),
        ["*通过导入创建卡片*", "名称（全称）：惠普中国有限公司"],
        ["*Card created by import*", "Full legal name: 惠普中国有限公司"],
    ),
    (
        event("edit", {"city": ["上海", "北京"], "website": ["www.oa.com.cn", ""]}),
        ["*编辑卡片*", "城市：上海 → 北京", "网站：www.oa.com.cn → （已清空）"],
        ["*Card edited*", "City: 上海 → 北京", "Website: www.oa.com.cn → (cleared)"],
    ),
    (
        event("status", {"status": ["basic", "potential"], "level": [1, 3]}),
        ["*变更状况*", "状况：基础 → 潜在", "级别：1 → 3"],
        ["*Status changed*", "Status: Basic → Potential", "Level: 1 → 3"],
    ),
    (
        event(
            "contact_add",
            {
                "salutation": [None, "ms"],
                "name": [None, "李娜"],
                "office_phone_e164": [None, "+862163539330"],
                "mobile_e164": [None, "+8613800138000"],
                "contact_id": [2, 2],
            },
        ),
        [
            "*新增联系人*",
            "称呼：女士",
            "姓名：李娜",
            "办公电话：021 6353 9330",
            "手机：138 0013 8000",
        ],
        [
            "*Contact added*",
            "Salutation: Ms.",
            "Name: 李娜",
            "Office phone: 021 6353 9330",
            "Mobile: 138 0013 8000",
        ],
    ),
    (
        event("contact_edit", {"title": ["", "总经理"], "contact_id": [2, 2]}),
        ["*编辑联系人*", "职务：总经理", "联系人：张伟"],
        ["*Contact edited*", "Title: 总经理", "Contact: 张伟"],
    ),
    (
        event("contact_edit", {"office_phone_ext": ["1010", "1020"], "contact_id": [2, 2]}),
        ["*编辑联系人*", "办公电话：转 1010 → 转 1020", "联系人：张伟"],
        ["*Contact edited*", "Office phone: ext. 1010 → ext. 1020", "Contact: 张伟"],
    ),
    (
        event("contact_remove", {"contact": ["张伟", None], "contact_id": [2, None]}),
        ["*移除联系人*", "联系人：张伟"],
        ["*Contact removed*", "Contact: 张伟"],
    ),
    (
        event("share", {"user": [None, "U_LI"]}),
        ["*共享*", "成员：@U_LI"],
        ["*Shared*", "Person: @U_LI"],
    ),
    (
        event("unshare", {"channel": ["C_SALES", None]}),
        ["*取消共享*", "频道：#C_SALES"],
        ["*Sharing removed*", "Channel: #C_SALES"],
    ),
    (
        event("archive", {"archived": [False, True]}),
        ["*归档卡片*"],
        ["*Card archived*"],
    ),
    (
        event("phase", {"phase": ["pre_contract", "implementation"]}),
        ["*变更阶段*", "阶段：签约前 → 实施"],
        ["*Phase changed*", "Phase: Pre-contract → Implementation"],
    ),
    (
        event("channel_link", {"channel": [None, "C_HP"]}),
        ["*关联项目频道*", "频道：#C_HP"],
        ["*Project channel linked*", "Channel: #C_HP"],
    ),
    (
        event(
            "milestone_add",
            {"milestone": [None, "上线验收"], "due_at": [None, "2026-12-09T01:00:00+00:00"]},
        ),
        ["*新增里程碑*", "里程碑：上线验收", "日期：2026年12月9日 周三 09:00（Asia/Shanghai）"],
        [
            "*Milestone added*",
            "Milestone: 上线验收",
            "Due: Tue 8 Dec 2026, 20:00 (America/New_York)",
        ],
    ),
    (
        event(
            "milestone_done", {"milestone": ["上线验收", "上线验收"], "status": ["open", "done"]}
        ),
        ["*完成里程碑*", "里程碑：上线验收", "状况：未完成 → 已完成"],
        ["*Milestone done*", "Milestone: 上线验收", "Status: Open → Done"],
    ),
    (
        event(
            "follow_up_moved",
            {
                "follow_up": ["发方案", "发方案"],
                "due_at": ["2026-12-04T01:00:00+00:00", "2026-12-07T01:00:00+00:00"],
            },
        ),
        [
            "*调整跟进时间*",
            "跟进：发方案",
            "日期：2026年12月4日 周五 09:00（Asia/Shanghai） → "
            "2026年12月7日 周一 09:00（Asia/Shanghai）",
        ],
        [
            "*Follow-up moved*",
            "Follow-up: 发方案",
            "Due: Thu 3 Dec 2026, 20:00 (America/New_York) → "
            "Sun 6 Dec 2026, 20:00 (America/New_York)",
        ],
    ),
    (
        event("value", {"value_score": [None, 17], "value_tier": [None, "A"]}),
        ["*评估客户价值*", "价值得分：17", "价值等级：A"],
        ["*Value assessed*", "Value score: 17", "Value tier: A"],
    ),
    (
        event(
            "log_edit", {"summary": ["打电话", "给张总打电话"], "next_step": ["发方案", "发方案"]}
        ),
        ["*修改联系记录*", "联系内容：打电话 → 给张总打电话"],
        ["*Contact record edited*", "What happened: 打电话 → 给张总打电话"],
    ),
    (
        event("log_undo", {"record_id": [9, None]}),
        ["*撤回联系记录*", "联系记录：给张总打电话确认需求"],
        ["*Contact record withdrawn*", "Contact record: 给张总打电话确认需求"],
    ),
    (
        event(
            "merge",
            {
                "duplicate": [None, "惠普科技（上海）有限公司"],
                "with": [7, 7],
                "contact": [2, 0],
                "contact_record": [1, 0],
            },
        ),
        ["*合并卡片*", "重复卡片：惠普科技（上海）有限公司", "转移：2 位联系人，1 条联系记录"],
        [
            "*Cards merged*",
            "Duplicate card: 惠普科技（上海）有限公司",
            "Moved: 2 contacts, 1 contact record",
        ],
    ),
    (
        event("merge_undone", {"merge": [3, None]}),
        ["*撤销合并*"],
        ["*Merge undone*"],
    ),
]


@pytest.mark.parametrize(("stored", "zh", "en"), TABLE, ids=[e.action for e, _, _ in TABLE])
def test_a_stored_event_reads_as_the_card_shows_it(
    stored: CustomerEvent, zh: list[str], en: list[str]
) -> None:
    assert lines(stored, ZH) == [zh[0] + WHEN["zh"], *zh[1:]]
    assert lines(stored, EN) == [en[0] + WHEN["en"], *en[1:]]


@pytest.mark.parametrize("reader", [ZH, EN], ids=["zh", "en"])
def test_no_internal_name_code_or_id_is_shown(reader: Reader) -> None:
    shown = "\n".join(line for stored, _, _ in TABLE for line in lines(stored, reader))

    assert not re.search(r"[a-z]+_[a-z0-9_]+", shown)  # contact_add, office_phone_e164 …
    assert not re.search(r"\b(potential|implementation|pre_contract|mr|ms)\b", shown)
    assert "∅" not in shown and "+00:00" not in shown and "UTC" not in shown
    assert "2 → 2" not in shown


def test_a_long_history_is_paged_with_an_older_button() -> None:
    events = [event("edit", {"city": [f"{n}", f"{n + 1}"]}, id=100 - n) for n in range(11)]

    reply = build_history(page(*events), ZH)

    shown = render_blocks(reply.blocks)
    assert "城市：9 → 10" in shown and "城市：10 → 11" not in shown
    (button,) = reply.blocks[-1]["elements"]
    assert button["action_id"] == "history_older" and button["value"] == f"1:{100 - 9}"
    assert len(reply.blocks) == 1 + HISTORY_PAGE + 1


def test_the_last_page_says_it_is_the_end() -> None:
    reply = build_history(page(event("archive", {}), continued=True), EN)

    assert "That is the whole history." in render_blocks(reply.blocks)
    assert all(b["type"] != "actions" for b in reply.blocks)


def test_a_page_of_long_events_stays_within_slacks_limits() -> None:
    notes = "很长的备注。" * 600  # 3,600 characters, before and after
    events = [
        event("edit", {"notes": [notes, notes + "！"], "city": ["上海", "北京"]}, id=50 - n)
        for n in range(HISTORY_PAGE + 1)
    ]

    reply = build_history(page(*events), ZH)

    assert len(reply.blocks) <= MESSAGE_BLOCK_LIMIT
    texts = [b["text"]["text"] for b in reply.blocks if b["type"] == "section"]
    assert all(len(text) <= SECTION_TEXT_LIMIT for text in texts)
    assert render_blocks(reply.blocks).count("城市：上海 → 北京") == HISTORY_PAGE
    assert reply.blocks[-1]["type"] == "actions"  # the rest is one click away


@pytest.mark.parametrize("field", [*CARD_FIELDS, *CONTACT_FIELDS])
def test_every_field_of_a_card_or_a_contact_has_its_label_in_both_languages(field: str) -> None:
    change = CustomerEvent(
        team_id="T1",
        customer_id=1,
        actor_id="U_LI",
        at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
        action="edit",
        changes={field: ["", "+862163539330" if field.endswith("e164") else "9131000060731539XG"]},
    )

    english, chinese = (lines(change, reader)[1] for reader in (EN, ZH))

    assert english[0].isupper(), english  # the catalog's label, not the field's name
    assert not re.search(r"[a-z]", chinese.split("：")[0]), chinese


def test_a_projects_end_is_planned_and_a_contracts_term_ends() -> None:
    project = event("project_add", {"project": [None, "ERP实施"], "ends_on": [None, "2027-06-01"]})
    contract = event(
        "contract_add", {"contract": [None, "HT-1 ERP"], "ends_on": [None, "2027-11-30"]}
    )

    assert any(line.startswith("Planned end:") for line in lines(project, EN))
    assert any(line.startswith("计划结束日期：") for line in lines(project, ZH))
    assert any(line.startswith("Term ends:") for line in lines(contract, EN))


def test_an_undone_merge_says_what_went_back_and_under_which_numbers() -> None:
    undone = event(
        "merge_undone",
        {"merge": [7, None], "contact_record": [3, 0], "change_numbers": ["CR-3", "CR-1"]},
    )

    shown = lines(undone, EN)

    assert "Moved: 3 contact records" in shown
    assert any(line.startswith("Change requests renumbered: CR-3") for line in shown), shown
