"""The rest of a card's cut lists, a page at a time: milestones and open follow-ups, each page
ending with how many are left and a button for the next."""

from __future__ import annotations

from bot.customers.page_cases import Page
from bot.i18n import Lang, t
from bot.store.models import FollowUp, Milestone
from bot.views import ids
from bot.views.blocks import SECTION_TEXT_LIMIT, Block, Mrkdwn, Reply, context, header, section
from bot.views.plan import milestone_block, more_block
from bot.views.timeline import follow_up_line


def build_milestone_page(page: Page[Milestone], lang: Lang) -> Reply:
    title = t("list.milestones_title", lang, name=page.customer.legal_name)
    blocks: list[Block] = [header(title), _range(page, lang)]
    blocks += [milestone_block(m, lang, may_mark=page.may_edit) for m in page.items]
    return Reply(text=title, blocks=[*blocks, _end(page, ids.MILESTONES_MORE, lang)])


def build_follow_up_page(page: Page[FollowUp], lang: Lang) -> Reply:
    title = t("list.follow_ups_title", lang, name=page.customer.legal_name)
    blocks: list[Block] = [header(title), _range(page, lang)]
    lines = [follow_up_line(f, lang) for f in page.items]
    blocks += [section(Mrkdwn("\n").join(part)) for part in _packed(lines)] or [
        context(t("list.none_open", lang))
    ]
    return Reply(text=title, blocks=[*blocks, _end(page, ids.FOLLOW_UPS_MORE, lang)])


def _range(page: Page[Milestone] | Page[FollowUp], lang: Lang) -> Block:
    first = page.offset + 1 if page.items else page.offset
    last = page.offset + len(page.items)
    return context(t("list.range", lang, first=first, last=last, total=page.total))


def _end(page: Page[Milestone] | Page[FollowUp], action_id: str, lang: Lang) -> Block:
    if page.after:
        shown = page.offset + len(page.items)
        return more_block(page.customer, shown, page.total, action_id, lang)
    return context(t("list.end", lang))


def _packed(lines: list[Mrkdwn]) -> list[list[Mrkdwn]]:
    """Lines in groups that each fit one section: none is clipped away."""
    groups: list[list[Mrkdwn]] = []
    for line in lines:
        if groups and sum(len(x) + 1 for x in groups[-1]) + len(line) <= SECTION_TEXT_LIMIT:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
