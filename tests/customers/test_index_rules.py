"""The rules that make a card's match keys and search terms have a version (INDEX_RULES),
kept on each card with the keys it was given. A save trusts the stored keys to be what the
rules give for the card it read only when the card's are of the running version; a card
whose keys were made by other rules has them read and made anew at its next save, so that
the duplicate check and find know it as today's rules would (issue 17)."""

from __future__ import annotations

import hashlib
from zoneinfo import ZoneInfo

from sqlalchemy import delete, update
from sqlmodel import select

from bot.actor import Actor
from bot.customers import card_cases, contact_cases
from bot.customers.card_values import search_terms
from bot.customers.form import ContactForm, CustomerForm
from bot.customers.keys import INDEX_RULES, CardFacts, card_keys
from bot.imports.csvfile import read_table
from bot.imports.customers import import_customers
from bot.store.db import Database
from bot.store.models import Customer, CustomerKey, CustomerTerm
from tests.conftest import NOW, TEAM, Create
from tests.customers.test_card_statements import recomputed_index, stored_index
from tests.statements import statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)

# What the rules of each version give for CORPUS. When this test fails, the rules now give
# other keys or terms for some card: raise INDEX_RULES in bot/customers/keys.py and add the
# new version's fingerprint here, so that every card's keys are made anew at its next save.
FINGERPRINTS = {1: "9475eb3d8873c790"}

CORPUS = (
    CardFacts("惠普中国有限公司", "HP", "http://www.hp.com.cn", "info@hp.com.cn"),
    CardFacts("上海金科电子有限公司", "Jinke", "jinke.com.cn", phones=("+862163539330",)),
    CardFacts("北京京东世纪贸易有限公司", "JD", "www.jd.com", contact_names=("刘强东",)),
    CardFacts("深圳市腾讯计算机系统有限公司", "腾讯", "https://qq.com", "bd@qq.com"),
    CardFacts("杭州阿里巴巴网络科技有限公司", "阿里", credit_code="91330100799655058B"),
    CardFacts("Jinke Electronics Ltd", "JKE", "jinke-electronics.com"),
    CardFacts("Microsoft (China) Co., Ltd.", "MSFT", "microsoft.com", "sales@microsoft.com"),
    CardFacts("Acme Widgets GmbH", "Acme", email="acme.widgets@gmail.com"),
    CardFacts("Shanghai Oriental Logistics Co Ltd", "OL", phones=("+8613800138000",)),
    CardFacts("东方物流（上海）有限公司", "东方物流", contact_names=("李娜", "王芳")),
    CardFacts(
        "广州白云山医药集团股份有限公司",
        "白云山",
        "gybys.com.cn",
        phones=("+862066281111", "+8613912345678"),
        contact_names=("张伟",),
        contact_emails=("zhangwei@gybys.com.cn", "zw1980@163.com"),
    ),
    CardFacts("Brightstar Telecom Ltd", "Brightstar", "brightstar.co.uk"),
    CardFacts("Ngee Ann Polytechnic", "NP", "np.edu.sg", phones=("+6564666555",)),
    CardFacts("成都天府软件园有限公司", "天府软件"),
    CardFacts("Huawei Technologies Co., Ltd.", "Huawei", "huawei.com"),
    CardFacts("华为技术有限公司", "华为", "www.huawei.com", "support@huawei.com"),
    # characters read more than one way, and contacts' mail at free and company domains
    CardFacts("重庆长城银行股份有限公司", "重庆长城", contact_names=("单雄信", "曾行长")),
    CardFacts(
        "长沙重工行业协会",
        "长沙重工",
        contact_emails=("chang.zhong@126.com", "hr@cszg.org.cn", "someone@qq.com"),
    ),
)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for facts in CORPUS:
        digest.update(repr(sorted(card_keys(facts))).encode())
        digest.update(repr(sorted(search_terms(facts).items())).encode())
    return digest.hexdigest()[:16]


def test_the_rules_give_what_their_version_gave() -> None:
    assert FINGERPRINTS.get(INDEX_RULES) == fingerprint(), (
        "match keys or search terms changed: raise INDEX_RULES and add its fingerprint"
    )


async def test_a_card_whose_keys_other_rules_made_gets_todays_at_its_next_save(
    db: Database, create: Create
) -> None:
    made = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    card_id = made.id or 0
    # what older rules might have left: a term today's do not give, one they do missing
    async with db.transaction(write=True) as session:
        await session.exec(update(Customer).where(Customer.id == card_id).values(index_rules=0))
        await session.exec(
            delete(CustomerTerm).where(
                CustomerTerm.customer_id == card_id, CustomerTerm.term == "jinke"
            )
        )
        session.add(
            CustomerTerm(
                team_id=TEAM, customer_id=card_id, term="oldform", weight=1, manager_id="U_MGR"
            )
        )
        await session.exec(delete(CustomerKey).where(CustomerKey.customer_id == card_id))

    await contact_cases.save_contact(
        db, actor=MGR, customer_id=card_id, form=ContactForm(name="张伟"), region="CN"
    )

    assert await stored_index(db, card_id) == await recomputed_index(db, card_id)
    async with db.transaction() as session:
        card = await session.get(Customer, card_id)
    assert card is not None and card.index_rules == INDEX_RULES


async def test_cards_made_by_the_form_or_an_import_are_marked_with_the_rules_running(
    db: Database, create: Create
) -> None:
    made = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    table = read_table("名称,简称\n惠普中国有限公司,HP\n".encode(), "customers")
    await import_customers(
        db, table.rows, team_id=TEAM, manager_id="U_MGR", region="CN", now=NOW, dry_run=False
    )

    async with db.transaction() as session:
        cards = (await session.exec(select(Customer).order_by(Customer.id))).all()
    assert [(c.handle, c.index_rules) for c in cards] == [
        ("Jinke", INDEX_RULES),
        ("HP", INDEX_RULES),
    ]
    assert made.id is not None
    for card in cards:
        assert await stored_index(db, card.id or 0) == await recomputed_index(db, card.id or 0)


async def test_an_edit_of_a_card_older_rules_made_marks_it_in_the_same_update(
    db: Database, create: Create
) -> None:
    made = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    async with db.transaction(write=True) as session:
        await session.exec(update(Customer).where(Customer.id == made.id).values(index_rules=0))
    moved = CustomerForm(legal_name="上海金科电子有限公司", short_name="Jinke", address="外滩1号")

    with statements_sent(db) as sent:
        await card_cases.save_customer(db, actor=MGR, form=moved, region="CN", customer_id=made.id)

    assert len([s for s in sent if s.startswith("UPDATE customer ")]) == 1, "\n".join(sent)
    assert await stored_index(db, made.id or 0) == await recomputed_index(db, made.id or 0)
