"""Requirements as people type them: an optional priority word in either language, the
title, and the acceptance criteria after `验收标准：`, `criteria:` or a dash."""

from __future__ import annotations

import pytest

from bot.delivery.requirements import Priority, RequirementDraft, read_requirement_line
from bot.errors import Invalid


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (
            "必须 月度报表 验收标准：每月5日前出上月报表",
            RequirementDraft("月度报表", Priority.MUST, "每月5日前出上月报表"),
        ),
        (
            "could export to Excel — criteria: one click",
            RequirementDraft("export to Excel", Priority.COULD, "one click"),
        ),
        (
            "Must monthly report criteria: by the 5th",
            RequirementDraft("monthly report", Priority.MUST, "by the 5th"),
        ),
        ("按部门汇总", RequirementDraft("按部门汇总", Priority.SHOULD, "")),
        (
            "应该 按部门汇总 - 每个部门一页",
            RequirementDraft("按部门汇总", Priority.SHOULD, "每个部门一页"),
        ),
    ],
)
def test_a_typed_requirement_is_read_with_its_priority_and_criteria(
    typed: str, read: RequirementDraft
) -> None:
    assert read_requirement_line(typed) == read


@pytest.mark.parametrize("typed", ["", "必须", "must   ", "验收标准：只有标准"])
def test_a_requirement_without_a_title_is_refused_under_the_title(typed: str) -> None:
    with pytest.raises(Invalid) as refused:
        read_requirement_line(typed)
    assert set(refused.value.errors) == {"title"}
