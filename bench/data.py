"""Synthetic customer cards: deterministic, realistic Chinese and English company names.

Every card is a pure function of (seed, index), so a probe can rebuild the card it is a
variant of without the data set in memory, and a cached database matches the generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from bot.customers.lexicon import INDUSTRY_OF_HAN, INDUSTRY_OF_LATIN, LEGAL_FORMS_HAN
from bot.customers.names import pinyin
from bot.customers.places import is_latin_place, leading_place

Script = Literal["han", "latin"]

# Common characters of Chinese company brands (金科, 华达, 恒信 …); no place or legal-form words.
_BRAND_CHARS = (
    "金科华达明信诚恒泰安康宏远鑫源盛通联创新天伟嘉美佳丰利顺发兴隆昌荣富瑞祥和永福德润泽"
    "长光辉星月晨阳云峰川林森英杰俊豪雄威龙凤鹏飞腾翔宇博文雅正方圆思志航启智慧聪灵秀清澄"
    "亮晶莹彩虹蓝绿红紫银铜玉宝珠环球元亨贞吉万千百亿兆众合同协力友谊仁义礼忠勤俭朴实真善"
    "优良精品卓越超群锐进拓意匠诺亚舟帆港湾桥路园苑庭轩斋堂邦乡晟昊昕昱晖煜炜烨璟瑾瑜琪琳"
    "璐瑶珺珩骏驰骐骅腾跃奥凯捷迅速敏锋锦绣纬经纶缘绎维网络新奇妙巧艺韵律音乐书画诗词歌赋"
    "松柏竹梅兰菊荷莲桂枫杨柳桃李杏橙橘柚梨樱桐楠榕樟檀楷模范典章程序列阵图谱鸿鹄鹰隼燕鹤"
    "鸣麒麟狮虎豹熊象鹿骆驼马牛羊犬雀蜂蝶鱼虾贝壳礁岛屿洲滨泉溪涛浪波澜潮汐汇聚集融合并联"
    "盟约诺承载运转动力能量热电磁声色香味触觉悟道德行知信达雅致远宁静致和谐乐享悦欣喜庆"
    "尚品上善若水厚载物自强不息格物致知求是惟新至诚至信弘毅笃行敦本务实创先争优开来继往"
)
# Brand words built from syllables that no pinyin syllable ends like (…k, …x, …l), so an
# English brand does not read as the pinyin of a Chinese one.
_LATIN_SYLLABLES = (
    "vor", "tek", "dex", "lum", "brix", "sol", "vel", "kor", "max", "nov", "ax", "ex", "zel",
    "trix", "pax", "lux", "ark", "bel", "cal", "dal", "el", "fal", "gal", "hal", "il", "jax",
    "kel", "lex", "mel", "nel", "ol", "pel", "quil", "rex", "sel", "tel", "ul", "vex", "wel",
    "yak", "zek", "bris", "cort", "delt", "ferm", "gild", "halt", "kelm", "lorm", "mort",
)  # fmt: skip
# (Chinese word, English word): one word per industry in each script, same canonical id.
INDUSTRIES = (
    ("电子", "Electronics"), ("科技", "Technology"), ("地产", "Real Estate"), ("软件", "Software"),
    ("贸易", "Trading"), ("信息", "Information"), ("网络", "Networks"), ("通信", "Telecom"),
    ("医药", "Pharmaceutical"), ("汽车", "Automotive"), ("能源", "Energy"), ("化工", "Chemical"),
    ("机械", "Machinery"), ("设备", "Equipment"), ("物流", "Logistics"), ("咨询", "Consulting"),
    ("建设", "Construction"), ("工程", "Engineering"), ("食品", "Foods"), ("实业", "Industrial"),
    ("材料", "Materials"), ("传媒", "Media"), ("教育", "Education"), ("设计", "Design"),
    ("数据", "Data"), ("智能", "Smart"), ("环保", "Environmental"), ("投资", "Investment"),
    ("电器", "Appliances"), ("纺织", "Textiles"),
)  # fmt: skip
PLACES = (
    ("上海", "Shanghai"), ("北京", "Beijing"), ("深圳", "Shenzhen"), ("广州", "Guangzhou"),
    ("杭州", "Hangzhou"), ("南京", "Nanjing"), ("苏州", "Suzhou"), ("天津", "Tianjin"),
    ("成都", "Chengdu"), ("武汉", "Wuhan"), ("重庆", "Chongqing"), ("厦门", "Xiamen"),
    ("青岛", "Qingdao"), ("大连", "Dalian"), ("西安", "Xian"), ("中国", "China"),
)  # fmt: skip
HAN_FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
LATIN_FORMS = ("Co., Ltd.", "Co., Ltd.", "Limited", "Inc.", "Group")
FREE_MAIL = ("163.com", "126.com", "qq.com", "sina.com", "gmail.com")
MANAGERS = tuple(f"U0BENCH{n:03d}" for n in range(40))
# One contact per card: a Chinese name (the 60 commonest surnames) on Chinese cards, an English
# one on the others; find looks them up by any part of the name.
SURNAMES_HAN = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾"
)
GIVEN_HAN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏斌海波宁晶颖琳"
FIRST_NAMES = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
    "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Margaret", "Anthony", "Lisa",
)  # fmt: skip
_LAST_START = (
    "Hol", "Ash", "Brad", "Carl", "Dun", "Ell", "Fair", "Gar", "Hart", "Kings",
    "Lang", "Mar", "Nor", "Pem", "Ral", "Sher", "Thorn", "Wal", "Whit", "Yor",
    "Ald", "Bar", "Bel", "Black", "Bran", "Brom", "Bur", "Chad", "Cran", "Dar",
    "Eld", "Elm", "Far", "Fern", "Gold", "Green", "Had", "Hay", "Kel", "Ken",
    "Lock", "Mel", "Mid", "Mor", "Oak", "Pad", "Pres", "Rad", "Red", "Rock",
    "Rud", "Sal", "Stan", "Sut", "Tan", "Tem", "Wen", "West", "Win", "Wool",
)  # fmt: skip
_LAST_END = (
    "loway", "ford", "ton", "well", "by", "more", "wood", "field", "ley", "ham",
    "worth", "stone", "brook", "wick", "ridge", "combe", "hurst", "den", "low", "shaw",
    "land", "bury", "mont", "cott", "dale", "gate", "man", "ner", "lake", "stead",
    "sley", "thorpe", "ington", "holm", "ard", "ett", "ison", "win", "mere", "side",
)  # fmt: skip
# 60 × 40 = 2,400 surnames: at 1M cards about 125 contacts share one, as in a real register
# (the 400 of a 20 × 20 list made 750 Holloways, 20 of them among one manager's cards).
HAN_SHARE = 0.7


def _check_vocabulary() -> tuple[str, ...]:
    for han, latin in INDUSTRIES:
        assert INDUSTRY_OF_HAN[han] == INDUSTRY_OF_LATIN[latin.lower().replace(" ", "")], han
    for han, latin in PLACES:
        assert leading_place(han) == han and is_latin_place(latin.lower()), han
    chars = tuple(dict.fromkeys(c for c in _BRAND_CHARS if c not in "".join(LEGAL_FORMS_HAN)))
    assert len(chars) >= 300, len(chars)
    return chars


BRAND_CHARS = _check_vocabulary()
_FORBIDDEN_IN_BRAND = (*(han for han, _ in PLACES), *INDUSTRY_OF_HAN)


@dataclass(frozen=True)
class Card:
    index: int  # 0-based; the customer id is index + 1
    script: Script
    brand: str  # 金科 or Vortek
    industry: int  # position in INDUSTRIES
    place: int | None  # position in PLACES
    form: str
    website: str
    email: str
    phone: str  # E.164
    contact: str = ""  # the name of the card's one contact

    @property
    def legal_name(self) -> str:
        return compose_name(self.script, self.brand, self.industry, self.place, self.form)


def compose_name(script: Script, brand: str, industry: int, place: int | None, form: str) -> str:
    if script == "han":
        where = PLACES[place][0] if place is not None else ""
        return f"{where}{brand}{INDUSTRIES[industry][0]}{form}"
    where = f"{PLACES[place][1]} " if place is not None else ""
    return f"{where}{brand} {INDUSTRIES[industry][1]} {form}"


def card(seed: int, index: int) -> Card:
    rng = random.Random(seed * 1_000_003 + index)
    script: Script = "han" if rng.random() < HAN_SHARE else "latin"
    brand = _han_brand(rng) if script == "han" else _latin_brand(rng)
    industry = rng.randrange(len(INDUSTRIES))
    if script == "han":
        place = rng.randrange(len(PLACES)) if rng.random() < 0.4 else None
        form = rng.choice(HAN_FORMS)
        stem = "".join(pinyin(brand))
    else:
        place = rng.randrange(len(PLACES)) if rng.random() < 0.25 else None
        form = rng.choice(LATIN_FORMS)
        stem = brand.lower()
    domain = f"{stem}{index}.com.cn" if script == "han" else f"{stem}{index}.com"
    mail = rng.random()
    if mail < 0.5:
        email = f"{rng.choice(('info', 'sales', 'contact', 'office'))}@{domain}"
    elif mail < 0.65:
        email = f"{stem}{index}@{rng.choice(FREE_MAIL)}"
    else:
        email = ""
    if script == "han":
        contact = rng.choice(SURNAMES_HAN) + "".join(
            rng.choice(GIVEN_HAN) for _ in range(rng.choice((1, 2)))
        )
    else:
        surname = rng.choice(_LAST_START) + rng.choice(_LAST_END)
        contact = f"{rng.choice(FIRST_NAMES)} {surname}"
    return Card(
        contact=contact,
        index=index,
        script=script,
        brand=brand,
        industry=industry,
        place=place,
        form=form,
        website=f"www.{domain}",
        email=email,
        phone=landline(index, rng.random() < 0.5),
    )


def landline(index: int, shanghai: bool) -> str:
    """A valid 8-digit landline in Shanghai (021) or Beijing (010), unique per index
    below 30 million (7919 is prime to 30,000,000)."""
    number = 50_000_000 + (index * 7919) % 30_000_000
    return f"+86{'21' if shanghai else '10'}{number}"


def _han_brand(rng: random.Random) -> str:
    while True:
        size = 2 if rng.random() < 0.8 else 3
        brand = "".join(rng.choice(BRAND_CHARS) for _ in range(size))
        if not any(word in brand for word in _FORBIDDEN_IN_BRAND) and not leading_place(brand):
            return brand


def _latin_brand(rng: random.Random) -> str:
    size = 2 if rng.random() < 0.7 else 3
    return "".join(rng.choice(_LATIN_SYLLABLES) for _ in range(size)).capitalize()
