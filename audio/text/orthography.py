"""Vietnamese orthography: NFC, canonical tone placement, syllable shape and letter names."""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_GLIDE_PAIRS = (("o", "a"), ("o", "e"), ("u", "y"))


def _old_style_table() -> dict[str, str]:
    """Map 'oà'-style spellings (tone on the final vowel) to 'òa' (tone on the glide)."""
    table: dict[str, str] = {}
    for first, second in _GLIDE_PAIRS:
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for mark in _TONE_MARKS:
                    old = f + unicodedata.normalize("NFC", s + mark)
                    table[old] = unicodedata.normalize("NFC", f + mark) + s
    return table


_OLD_STYLE = _old_style_table()
# The pair must end the syllable, and 'u' after 'q' belongs to the onset ("quý" stays).
_OLD_STYLE_RE = re.compile(
    "(?<![qQ])(" + "|".join(sorted(_OLD_STYLE)) + r")(?![^\W\d_])",
)

# Vowel nuclei (with their glides) that may take a final consonant, and those that end the
# syllable themselves; 'y' takes one only after 'qu' (quýt, quỳnh).
_CLOSABLE_NUCLEI = (
    *("uyê", "iê", "yê", "uô", "ươ", "oa", "oă", "oe", "oo", "uâ", "uê", "uy"),
    *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư"),
)
_OPEN_NUCLEI = (
    *("iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"),
    *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua"),
    *("ui", "uơ", "ưa", "ưi", "ưu", "y"),
)
_ONSET = r"(?:ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdđghklmnprstvx])?"
_CODA = r"(?:ch|nh|ng|[cmnpt])?"
_SYLLABLE_RE = re.compile(
    _ONSET
    + r"(?:(?:"
    + "|".join(_CLOSABLE_NUCLEI)
    + r")"
    + _CODA
    + r"|(?:"
    + "|".join(_OPEN_NUCLEI)
    + r"))|quy(?:nh|t)"
)

LETTER_NAMES: dict[str, str] = {
    "a": "a",
    "ă": "á",
    "â": "ớ",
    "b": "bê",
    "c": "xê",
    "d": "dê",
    "đ": "đê",
    "e": "e",
    "ê": "ê",
    "f": "ép",
    "g": "giê",
    "h": "hát",
    "i": "i",
    "j": "gi",
    "k": "ca",
    "l": "e lờ",
    "m": "em mờ",
    "n": "en nờ",
    "o": "o",
    "ô": "ô",
    "ơ": "ơ",
    "p": "pê",
    "q": "quy",
    "r": "e rờ",
    "s": "ét xì",
    "t": "tê",
    "u": "u",
    "ư": "ư",
    "v": "vê",
    "w": "vê kép",
    "x": "ích xì",
    "y": "y",
    "z": "dét",
}


def canonical_text(text: str) -> str:
    """NFC-normalise text and put tone marks where the examples put them (hoà → hòa)."""
    text = unicodedata.normalize("NFC", text)
    return _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE[m.group(1)], text)


def strip_tones(word: str) -> str:
    """Remove the five tone marks but keep the vowel shapes (ă, â, ê, ô, ơ, ư)."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept)


def is_vietnamese_syllable(word: str) -> bool:
    """True when the word has the shape of one Vietnamese syllable (onset, vowels, coda)."""
    return _SYLLABLE_RE.fullmatch(strip_tones(word.lower())) is not None


def letter_name(letter: str) -> str:
    """Vietnamese name of a single letter (C → xê); other characters are lowercased."""
    lower = letter.lower()
    base = strip_tones(lower)
    if base != lower:
        return lower
    return LETTER_NAMES.get(lower, lower)


def spell(word: str) -> str:
    """A word read letter by letter with Vietnamese letter names (XYZ → ích xì y dét)."""
    return " ".join(letter_name(letter) for letter in word)
