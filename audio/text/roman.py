"""Roman numerals: recognising them and reading them by context."""

from __future__ import annotations

import re

from audio.text.numbers import read_cardinal, read_ordinal
from audio.text.phrases import ends_with_any, phrases

_ROMAN_RE = re.compile(r"(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Words after which a Roman numeral is a cardinal (khóa XII → khóa mười hai).
CARDINAL_CUES = phrases(
    "khóa",
    "đại hội",
    "quý",
    "phần",
    "chương",
    "mục",
    "giai đoạn",
    "kỳ",
    "thế kỷ",
    "hạng",
    "loại",
    "cấp",
    "đợt",
    "kỳ họp",
    "tập",
    "phụ lục",
    "vùng",
    "khu vực",
    "quân khu",
    "bậc",
    "nhóm",
)


def roman_value(text: str) -> int | None:
    """Value of a well-formed Roman numeral up to 99 written with I, V, X, L, C; else None."""
    if not _ROMAN_RE.fullmatch(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _VALUES[ch]
        following = _VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def read_roman(text: str, before: list[str], alone: bool = False) -> str | None:
    """Spoken Roman numeral, or None when the context does not make it one: after 'thứ'
    (ordinal), after a cue such as khóa or quý (cardinal), or standing alone in a list or code
    (II, (IV)). In running text and headlines, VI, XI or XV are words or letters, not numbers."""
    value = roman_value(text)
    if value is None or text in ("L", "C"):
        return None
    if before and before[-1] == "thứ":
        return read_ordinal(value)
    if ends_with_any(before, CARDINAL_CUES):
        return read_cardinal(value)
    if alone and len(text) >= 2:
        return read_cardinal(value)
    return None
