"""The words of a company name in Latin letters: legal forms (Ltd., GmbH & Co. KG, S.A. de
C.V.), places and stop words taken off, initials joined (H. P. → hp), and what is left
parted into the brand and its industry words (Jinke Electronics → jinke | electronics).
names.py makes a CompanyName of them."""

from __future__ import annotations

from bot.customers.industries import latin_industry
from bot.customers.lexicon import LEGAL_FORMS_LATIN, LEGAL_SEQUENCES_LATIN, latin_tokens
from bot.customers.places import is_latin_place

_STOPWORDS = {"the", "of", "and", "&"}
_JOINED_WORDS = {
    "real estate": "realestate",
    "supply chain": "supplychain",
    "property management": "propertymanagement",
    "asset management": "assetmanagement",
    "e-commerce": "ecommerce",
    "e commerce": "ecommerce",
    "health care": "healthcare",
}


def latin_brand_and_industries(text: str) -> tuple[list[str], list[str]]:
    """The brand's words and the industry words after it, of a name with accents folded."""
    text = text.replace("'", "").replace("’", "")
    for words, joined in _JOINED_WORDS.items():
        text = text.replace(words, joined)
    tokens = _strip_legal_forms_latin(_merge_initials(latin_tokens(text)))
    tokens = [t for t in tokens if t not in _STOPWORDS] or tokens
    tokens = _strip_places_latin(tokens)
    return _latin_brand(tokens)


def _strip_legal_forms_latin(tokens: list[str]) -> list[str]:
    """Acme GmbH & Co. KG, Oakridge S.A. de C.V., Siemens Ltd., China → acme, oakridge, siemens."""
    while len(tokens) > 1:
        if size := next(
            (
                n
                for n in (4, 3, 2)
                if len(tokens) > n and tuple(tokens[-n:]) in LEGAL_SEQUENCES_LATIN
            ),
            0,
        ):
            tokens = tokens[:-size]
        elif tokens[-1] in LEGAL_FORMS_LATIN or tokens[-1] in _STOPWORDS:
            tokens = tokens[:-1]
        elif is_latin_place(tokens[-1]) and any(t in LEGAL_FORMS_LATIN for t in tokens[1:-1]):
            tokens = tokens[:-1]  # a place after the legal form: Ltd., China
        else:
            return tokens
    return tokens


def _merge_initials(tokens: list[str]) -> list[str]:
    """H. P. → hp: single letters in a row are one abbreviation."""
    merged: list[str] = []
    for token in tokens:
        if len(token) == 1 and token.isalpha() and merged and _is_abbreviation(merged[-1]):
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def _is_abbreviation(token: str) -> bool:
    return token.isalpha() and len(token) <= 3 and token not in LEGAL_FORMS_LATIN


def _strip_places_latin(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and is_latin_place(tokens[0]) and _has_brand_latin(tokens[1:]):
        tokens = tokens[1:]
    while len(tokens) > 1 and is_latin_place(tokens[-1]) and _has_brand_latin(tokens[:-1]):
        tokens = tokens[:-1]
    return tokens


def _has_brand_latin(tokens: list[str]) -> bool:
    return any(not latin_industry(t) and t not in _STOPWORDS for t in tokens)


def _latin_brand(tokens: list[str]) -> tuple[list[str], list[str]]:
    brand, industries = list(tokens), list[str]()
    while len(brand) > 1 and latin_industry(brand[-1]):
        industries.insert(0, brand.pop())
    while len(brand) > 1 and is_latin_place(brand[-1]):  # Acme Shanghai Trading
        brand.pop()
    return brand, industries
