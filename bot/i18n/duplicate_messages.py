"""Messages of the duplicate check (what it found, and why it thinks so) and of the card's
unified social credit code."""

DUPLICATE_MESSAGES: dict[str, dict[str, str]] = {
    "duplicate.found": {
        "en": "Likely a customer we already have: {matches}. Talk to the manager before you "
        "create another card — or tick “Not a duplicate?” below if it is another company.",
        "zh": "可能与已有客户重复：{matches}。请先联系客户经理；如确认是另一家公司，"
        "请勾选下方“不是重复客户？”。",
    },
    "duplicate.match": {
        "en": "{name} ({handle}, managed by {manager}: {reasons})",
        "zh": "{name}（{handle}，客户经理 {manager}：{reasons}）",
    },
    "duplicate.short_name": {
        "en": "“{name}” looks like a short name: it is probably {matches}. Enter the full "
        "legal name, e.g. 惠普中国有限公司 rather than 惠普, or talk to the manager.",
        "zh": "“{name}”看起来是简称，可能是已有客户：{matches}。"
        "请填写客户全称（如 惠普中国有限公司，而不是 惠普），或先联系客户经理。",
    },
    "duplicate.separator": {"en": ", ", "zh": "，"},
    "duplicate.archived": {
        "en": "archived — an admin can restore it: /customer restore {handle}",
        "zh": "已归档——管理员可恢复：/customer restore {handle}",
    },
    # the unified social credit code: the strongest key when a card has one
    "label.credit_code": {"en": "Unified social credit code", "zh": "统一社会信用代码"},
    "hint.credit_code": {
        "en": "18 characters on the business licence, e.g. 91350100M000100Y43. Optional.",
        "zh": "营业执照上的 18 位代码，如 91350100M000100Y43。选填。",
    },
    "field.credit_code.invalid": {
        "en": "Not a unified social credit code: 18 letters and digits whose last one checks "
        "the others, e.g. 91350100M000100Y43.",
        "zh": "不是有效的统一社会信用代码：应为 18 位字母和数字，最后一位为校验码，"
        "如 91350100M000100Y43。",
    },
    "card.credit_code": {"en": "Credit code", "zh": "统一社会信用代码"},
    # why: each reads after the others, "same brand, same industry"
    "duplicate.why.credit_code": {"en": "same credit code", "zh": "统一社会信用代码相同"},
    "duplicate.why.name": {"en": "same name", "zh": "名称相同"},
    "duplicate.why.phone": {"en": "same phone", "zh": "电话相同"},
    "duplicate.why.domain": {"en": "same web or email domain", "zh": "网站或邮箱域名相同"},
    "duplicate.why.short_name": {"en": "its short name", "zh": "与其简称相同"},
    "duplicate.why.brand": {"en": "same brand", "zh": "品牌字号相同"},
    "duplicate.why.english_name": {
        "en": "the English name of its brand",
        "zh": "是其品牌的英文名",
    },
    "duplicate.why.pinyin": {"en": "its brand in pinyin", "zh": "是其字号的拼音"},
    "duplicate.why.translation": {
        "en": "its brand translated",
        "zh": "是其字号的译名",
    },
    "duplicate.why.spelling": {
        "en": "brand spelled nearly the same",
        "zh": "字号拼写几乎相同",
    },
    "duplicate.why.initials": {"en": "its brand's initials", "zh": "是其字号的拼音首字母"},
    "duplicate.why.sound": {
        "en": "its brand as it sounds in Chinese",
        "zh": "是其字号的音译",
    },
    "duplicate.why.same_industry": {"en": "same industry", "zh": "行业相同"},
    "duplicate.why.related_industry": {"en": "related industry", "zh": "行业相近"},
}
