"""Reading company names the way the seed's rules and a sales team read them."""

from __future__ import annotations

import re
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.customers.names import _found_as_typed, read_company_name, suggest_short_name
from bot.customers.translation import read_word_lists


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("惠普中国有限公司", "惠普(中国)有限公司"),
        ("惠普中国有限公司", "惠普（中国）股份有限公司"),
        ("金科电子有限公司", "上海金科电子有限公司"),
        ("金科电子有限公司", "上海市金科电子集团"),
        ("金科电子有限公司", "金科电子（上海）有限公司"),
        ("Jinke Electronics Co., Ltd.", "JINKE ELECTRONICS LIMITED"),
        ("Jinke Electronics Inc.", "jinke electronics, llc"),
        ("Acme Corp", "ACME Corporation"),
        ("Siemens AG", "Siemens GmbH"),
        ("HP China Co., Ltd.", "H.P. Inc."),
        ("ＨＰ（中国）有限公司", "HP Inc."),
        ("Shanghai Jinke Electronic Co", "Jinke Electronics Limited"),
    ],
)
def test_legal_forms_places_case_punctuation_and_width_do_not_change_the_company(
    one: str, other: str
) -> None:
    assert read_company_name(one).core == read_company_name(other).core


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("金科电子有限公司", "金科地产有限公司"),  # a brand word shared across industries
        ("华为技术有限公司", "华维技术有限公司"),  # one meaningful character apart
        ("惠普中国有限公司", "华普中国有限公司"),
        ("中国银行股份有限公司", "上海银行股份有限公司"),  # the place is the name here
        ("Acme Corp", "Acne Corp"),
    ],
)
def test_different_companies_stay_different(one: str, other: str) -> None:
    assert read_company_name(one).core != read_company_name(other).core


def test_a_chinese_name_reads_as_pinyin_initials_brand_and_industry() -> None:
    name = read_company_name("上海金科电子有限公司")

    assert (name.core, name.brand, name.industry) == ("金科电子", "金科", "electronics")
    assert (name.latin, name.initials, name.brand_latin) == ("jinkedianzi", "jkdz", "jinke")
    assert name.brand_industry == read_company_name("Jinke Electronics Ltd").brand_industry


def test_hp_and_its_chinese_name_meet_through_initials() -> None:
    assert read_company_name("惠普中国有限公司").initials == read_company_name("HP China").latin


@pytest.mark.parametrize(
    ("legal_name", "short_name"),
    [
        ("金科电子有限公司", "Jinke"),
        ("惠普中国有限公司", "HP"),  # the English name the company uses (brands.tsv)
        ("联想（北京）有限公司", "Lenovo"),
        ("深圳市KTL电子有限公司", "KTL"),  # a mixed-script name: its Latin letters
        ("上海JNP医疗器械有限公司", "JNP"),
        ("华信精密机械制造有限公司", "Huaxinjingmi"),
        ("HP China Co., Ltd.", "HP"),
        ("IBM China Co., Ltd.", "IBM"),
        ("acme corporation", "Acme"),
    ],
)
def test_the_suggested_short_name_follows_the_seed(legal_name: str, short_name: str) -> None:
    assert suggest_short_name(legal_name) == short_name


def test_a_place_name_in_a_brand_reads_as_the_place_is_read() -> None:
    # pypinyin alone reads 朝阳 as zhaoyang ("morning sun"); the division list says chaoyang
    assert read_company_name("朝阳科技有限公司").brand_latin == "chaoyang"
    assert read_company_name("六安贸易有限公司").brand_latin == "luan"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.characters(max_codepoint=0x24F), max_size=30),
    token=st.text(alphabet=st.characters(max_codepoint=0x24F), min_size=1, max_size=6),
)
def test_a_brand_is_suggested_as_typed_whatever_its_case(text: str, token: str) -> None:
    """The short name keeps the brand as the name has it (HP of Hp Inc. → Hp); plain ASCII is
    compared lower-cased instead of through a pattern made per name, with the same result."""
    typed = re.search(re.escape(token), text, re.I)
    assert _found_as_typed(text, token) == (typed.group(0) if typed else None)


def test_a_server_that_has_read_many_names_does_not_keep_them_all() -> None:
    """Names are cached for the few reads of one card (keys, terms, short name), not for the
    life of the process: 12,000 customers' names read leave a few MB, not one per name."""
    read_company_name("预热科技有限公司")  # the pinyin table, read once a process
    read_word_lists()  # and the word lists, which that first name starts reading meanwhile
    brands = [
        f"{a}{b}{c}" for a in "金银铜铁锡" for b in "江河湖海山川林木" for c in "科电网云数智信达"
    ]
    names = [
        f"{brand}{n}号{form}" for n in range(40) for brand in brands for form in ("科技有限公司",)
    ]
    names += [f"Acme {n} Holdings Ltd" for n in range(12_000 - len(names))]
    tracemalloc.start()
    try:
        for name in names:
            read_company_name(name)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 8_000_000  # 16 MB when every name read was kept
