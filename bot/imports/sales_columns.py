"""The columns of an opportunities or contracts spreadsheet, named as the export writes them
(bot/imports/sales_export.py) in English or Chinese, or as people usually head them."""

from __future__ import annotations

OPPORTUNITY_COLUMNS = {
    "customer": ("customer", "short name", "客户", "客户简称", "简称", "客户名称"),
    "deal_name": ("deal", "opportunity", "name", "销售机会", "商机", "机会名称"),
    "amount": ("amount", "value", "金额"),
    "currency": ("currency", "币种"),
    "stage": ("stage", "阶段"),
    "probability": ("probability", "赢单概率", "概率"),
    "expected_close": ("expected close", "close date", "预计成交日期", "预计成交"),
    "owner_id": ("owner", "负责人"),
    "next_step": ("next step", "下一步"),
    "loss_reason": ("loss reason", "输单原因"),
    "weighted": ("weighted", "加权金额"),  # the export's; worked out again, never read
}
CONTRACT_COLUMNS = {
    "customer": ("customer", "short name", "客户", "客户简称", "简称", "客户名称"),
    "number": ("number", "contract number", "合同编号", "编号"),
    "contract_title": ("title", "contract", "合同名称", "名称"),
    "signed_on": ("signed", "signed on", "signed date", "签订日期"),
    "starts_on": ("start", "starts", "开始日期"),
    "ends_on": ("end", "ends", "结束日期"),
    "amount": ("amount", "value", "金额", "合同金额"),
    "currency": ("currency", "币种"),
    "deal": ("deal", "opportunity", "销售机会"),
    "status": ("status", "状态"),
    "receivables": ("receivables", "payment milestones", "应收款", "付款节点"),
}
SALES_REQUIRED = {
    "opportunities": ("customer", "deal_name"),
    "contracts": ("customer", "number", "amount", "signed_on"),
}
SALES_CELL_LIMITS = {
    "deal_name": 200,
    "amount": 60,
    "currency": 10,
    "stage": 64,
    "probability": 10,
    "expected_close": 40,
    "owner_id": 32,
    "next_step": 1000,
    "loss_reason": 500,
    "weighted": 60,
    "number": 64,
    "contract_title": 200,
    "signed_on": 40,
    "starts_on": 40,
    "ends_on": 40,
    "deal": 200,
    "status": 40,
    "receivables": 8000,
}
