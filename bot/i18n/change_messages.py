"""Change requests (变更申请, seed 001: 申请 → 评估 → 确认 → 跟踪): their steps, states and
refusals."""

CHANGE_MESSAGES: dict[str, dict[str, str]] = {
    "change.step.evaluate": {"en": "evaluate", "zh": "评估"},
    "change.step.confirm": {"en": "confirm for the customer", "zh": "记录客户确认"},
    "change.step.decline": {"en": "record the customer's decline", "zh": "记录客户拒绝"},
    "change.step.implement": {"en": "mark implemented", "zh": "标记已实施"},
    "change.step.verify": {"en": "verify", "zh": "验证"},
    "change.step.reject": {"en": "reject", "zh": "驳回"},
    "change.step.withdraw": {"en": "withdraw", "zh": "撤回"},
    "change.state.requested": {"en": "Requested", "zh": "已申请"},
    "change.state.evaluated": {
        "en": "Evaluated — waiting for the customer",
        "zh": "已评估，待客户确认",
    },
    "change.state.confirmed": {"en": "Confirmed by the customer", "zh": "客户已确认"},
    "change.state.declined": {"en": "Declined by the customer", "zh": "客户已拒绝"},
    "change.state.implemented": {
        "en": "Implemented — waiting for verification",
        "zh": "已实施，待验证",
    },
    "change.state.verified": {"en": "Verified", "zh": "已验证"},
    "change.state.rejected": {"en": "Rejected", "zh": "已驳回"},
    "change.state.withdrawn": {"en": "Withdrawn", "zh": "已撤回"},
    "change.out_of_order": {
        "en": "A request that is {state} cannot {step} yet. What can be done now: {allowed}.",
        "zh": "状态为“{state}”的变更申请还不能{step}。现在可以：{allowed}。",
    },
    "change.final": {
        "en": "This request is {state}: it moves no further. Ask for a new change instead.",
        "zh": "此变更申请已{state}，不再流转。如需变更，请提交新的申请。",
    },
    "change.schedule_days_invalid": {
        "en": "“{text}” is not a number of days — type whole days, such as 5, -2 or 0.",
        "zh": "“{text}”不是天数——请填写整天数，如 5、-2 或 0。",
    },
    "change.evaluation_missing": {
        "en": "Fill in the evaluation: the days the plan moves, the cost, the risk.",
        "zh": "请填写评估：计划顺延天数、费用和风险。",
    },
    "change.summary_missing": {
        "en": "Say what should change, e.g. `/customer change hp add a monthly report`.",
        "zh": "请写明变更内容，如：`/customer change hp 增加月度报表`。",
    },
    "change.summary_too_long": {
        "en": "Keep the summary within {limit} characters; the details go in the form.",
        "zh": "摘要请在 {limit} 个字以内，详细内容请在表单中填写。",
    },
}
