"""The web pages of the install flow (/slack/install, /slack/oauth_redirect), as HTML.

Pure: the words come from the catalog, every value shown is escaped."""

from __future__ import annotations

from html import escape

from bot.i18n import Lang, t

FAILURE_REASONS = (
    "access_denied",
    "invalid_browser",
    "invalid_state",
    "missing_code",
    "invalid_code",
    "storage_error",
)


def language_of(accept_language: str | None) -> Lang:
    """The browser's first language: Chinese when it prefers any Chinese, else English."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "zh" if first.startswith("zh") else "en"


def build_install_page(lang: Lang, *, authorize_url: str, minutes: int) -> str:
    body = (
        f"<p>{escape(t('install.intro', lang))}</p>"
        f'<p><a class="button" href="{escape(authorize_url)}">{escape(t("install.button", lang))}'
        f"</a></p><p><small>{escape(t('install.link_expires', lang, minutes=minutes))}</small></p>"
    )
    return _page(lang, t("install.title", lang), body)


def build_installed_page(lang: Lang, *, team: str, open_url: str) -> str:
    body = (
        f"<p>{escape(t('install.done.body', lang, team=team))}</p>"
        f'<p><a href="{escape(open_url)}">{escape(t("install.done.open", lang))}</a></p>'
    )
    return _page(lang, t("install.done.title", lang), body)


def build_failure_page(lang: Lang, *, reason: str, install_path: str) -> str:
    if reason in FAILURE_REASONS:
        said = t(f"install.failed.{reason}", lang)
    else:
        said = t("install.failed.other", lang, reason=reason)
    body = (
        f"<p>{escape(said)}</p><p>{escape(t('install.failed.again', lang))} "
        f'<a href="{escape(install_path)}">{escape(install_path)}</a></p>'
    )
    return _page(lang, t("install.failed.title", lang), body)


def _page(lang: Lang, title: str, body: str) -> str:
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em}"
        ".button{display:inline-block;padding:.6em 1.2em;background:#4a154b;color:#fff;"
        "border-radius:4px;text-decoration:none}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
