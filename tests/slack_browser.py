"""A person's browser installing Rapport: opens the install page, presses Add to Slack,
allows the app on Slack's screen (the stand-in hands back a code), and follows Slack's
redirect back to Rapport with the state and the state cookie."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp

from bot.console.harness import Harness

COOKIE = "slack-app-oauth-state"


@dataclass
class Page:
    status: int
    html: str

    @property
    def text(self) -> str:
        """What the page says, without its markup."""
        return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", self.html)))


@dataclass
class InstallLink:
    state: str
    cookie: str
    authorize_url: str


async def open_install_page(harness: Harness, *, lang: str = "en") -> tuple[Page, InstallLink]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(harness.url + "/slack/install", headers={"Accept-Language": lang}) as answer,
    ):
        page = Page(answer.status, await answer.text())
        cookie = answer.cookies[COOKIE].value
    authorize_url = unescape(re.search(r'href="([^"]+)"', page.html)[1])
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]
    return page, InstallLink(state=state, cookie=cookie, authorize_url=authorize_url)


async def come_back(
    harness: Harness, query: dict[str, str], *, cookie: str | None, lang: str = "en"
) -> Page:
    """Slack's redirect to /slack/oauth_redirect, in the browser that holds `cookie`."""
    headers = {"Accept-Language": lang}
    if cookie is not None:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    url = f"{harness.url}/slack/oauth_redirect?{urlencode(query)}"
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as answer:
        return Page(answer.status, await answer.text())


async def install(
    harness: Harness,
    *,
    team: str | None,
    user: str,
    enterprise: str | None = None,
    org_wide: bool = False,
    lang: str = "en",
) -> Page:
    """The whole install, as a person does it from the install page."""
    _, link = await open_install_page(harness, lang=lang)
    code = harness.slack.approve(team=team, user=user, enterprise=enterprise, org_wide=org_wide)
    return await come_back(
        harness, {"code": code, "state": link.state}, cookie=link.cookie, lang=lang
    )
