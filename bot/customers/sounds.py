"""How a brand sounds, as a consonant skeleton, to meet a Chinese transliteration:
施耐德 shi-nai-de → SNT ← Schneider; 西门子 xi-men-zi → SMNS ← Siemens; 霍尼韦尔 → HNL ← Honeywell.

Chinese transliterations keep the consonants and drop an English final -r (Schneider →
施耐德), so both sides are reduced to classes of consonants: lips, tongue tip, back of
the tongue, hissing sounds, l/r, m, n, f, h. Similar-sounding is only a proposal: the duplicate
check also wants at least three consonants and a compatible industry.
"""

from __future__ import annotations

import re

MIN_SKELETON = 3

_PINYIN_INITIALS = (
    ("zh", "S"),
    ("ch", "S"),
    ("sh", "S"),
    ("b", "P"),
    ("p", "P"),
    ("d", "T"),
    ("t", "T"),
    ("g", "K"),
    ("k", "K"),
    ("h", "H"),
    ("j", "S"),
    ("q", "S"),
    ("x", "S"),
    ("z", "S"),
    ("c", "S"),
    ("s", "S"),
    ("r", "L"),
    ("l", "L"),
    ("m", "M"),
    ("n", "N"),
    ("f", "F"),
)

# compiled once: a brand is reduced for every card an import reads (re's own cache of
# compiled patterns costs a look-up per call)
_ENGLISH = tuple(
    (re.compile(pattern), sound)
    for pattern, sound in (
        (r"sch|sh|tch|ch|ts|tz", "S"),
        (r"ph", "F"),
        (r"th", "T"),
        (r"ck|qu|q|kh", "K"),
        (r"x", "KS"),
        (r"c(?=[eiy])", "S"),
        (r"c", "K"),
        (r"ng", "N"),
        (r"[bp]", "P"),
        (r"[dt]", "T"),
        (r"[gk]", "K"),
        (r"[szj]", "S"),
        (r"[lr]", "L"),
        (r"[fv]", "F"),
        (r"m", "M"),
        (r"n", "N"),
        (r"(?<![A-Z])h", "H"),
    )
)
_NOT_LOWER = re.compile(r"[^a-z]")
_SILENT_GH = re.compile(r"gh(?=t|$)")  # Lightman: a silent gh
_FINAL_R = re.compile(r"(?<=[^aeiou])(er|re|r)$")  # Schneider → schneide
_UNSAID_R = re.compile(r"(?<=[aeiouy])r(?![aeiouy])")  # Hartwell, Ackerman: r unsaid
_LOWER = re.compile(r"[a-z]")
_REPEATED = re.compile(r"(.)\1+")


def pinyin_skeletons(syllables: list[str]) -> set[str]:
    """As written, and with a nasal before m or n dropped (汉密尔顿 han-mi-er-dun, Hamilton)."""
    plain = pinyin_skeleton(syllables)
    assimilated = [
        s[:-1] if s.endswith("n") and i + 1 < len(syllables) and syllables[i + 1][:1] in "mn" else s
        for i, s in enumerate(syllables)
    ]
    return {plain, pinyin_skeleton(assimilated)}


def pinyin_skeleton(syllables: list[str]) -> str:
    out = []
    for syllable in syllables:
        if syllable == "er":
            out.append("L")
            continue
        initial = next((c for p, c in _PINYIN_INITIALS if syllable.startswith(p)), "")
        out.append(initial)
        if syllable.endswith(("n", "ng")) and len(syllable) > 1:
            out.append("N")
    return _collapse("".join(out))


def english_skeleton(word: str) -> str:
    text = _NOT_LOWER.sub("", word.lower())
    for silent in (_SILENT_GH, _FINAL_R, _UNSAID_R):
        text = silent.sub("", text)
    for pattern, sound in _ENGLISH:
        text = pattern.sub(sound, text)
    return _collapse(_LOWER.sub("", text))


def _collapse(skeleton: str) -> str:
    return _REPEATED.sub(r"\1", skeleton)
