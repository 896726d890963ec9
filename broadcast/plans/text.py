"""Lines of a plan: cleaning, Roman numerals and the kind of each line."""

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

_EMPHASIS = re.compile(r"^[*_]+|[*_]+$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN = r"[IVXLC]+"


class Kind(Enum):
    BLANK = "blank"
    ROMAN = "roman"
    NUMBER = "number"
    LETTER = "letter"
    STAGE = "stage"
    BULLET = "bullet"
    SUBBULLET = "subbullet"
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    """One cleaned line of the document with its 1-based number."""

    number: int
    text: str
    columns: tuple[str, ...] = ()  # cells of a header laid out in columns ('|' or wide gaps)


@dataclass(frozen=True)
class Classified:
    """A line, what kind of line it is, its label (1.1, a, II) and its body text."""

    line: Line
    kind: Kind
    label: str
    body: str

    @property
    def depth(self) -> int:
        """Heading rank: smaller is higher in the outline."""
        if self.kind is Kind.ROMAN:
            return 0
        if self.kind is Kind.NUMBER:
            return self.label.count(".") + 1
        return 10 if self.kind is Kind.LETTER else 11


_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.ROMAN, re.compile(rf"^({ROMAN})\.\s+(\S.*)$")),
    (Kind.NUMBER, re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")),
    (Kind.NUMBER, re.compile(r"^(\d{1,2})\.\s+(\S.*)$")),
    (Kind.LETTER, re.compile(r"^([a-zđ])\)\s+(\S.*)$")),
    (Kind.STAGE, re.compile(r"^[-–•]?\s*(((?:Đợt|Giai đoạn)\s+(?:\d{1,2}|[IVX]+))\b.*)$")),
    (Kind.STAGE, re.compile(r"^[-–•]?\s*(()Thời điểm\s[^.;]{3,150}:)$")),
    (Kind.SUBBULLET, re.compile(r"^()\+\s*(\S.*)$")),
    (Kind.BULLET, re.compile(r"^()[-–•]\s*(\S.*\w.*)$")),  # a rule '-------' is no bullet
)


def roman_to_int(text: str) -> int | None:
    """The value of a Roman numeral such as XXI, or None when it is not one."""
    if not text or not re.fullmatch(ROMAN, text):
        return None
    total = 0
    for char, nxt in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
    return total


def clean(text: str) -> str:
    """NFC, single spaces, no markdown emphasis around the line."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return _EMPHASIS.sub("", text).strip()


def split_lines(text: str) -> list[Line]:
    """The document as cleaned, numbered lines (blank lines kept for numbering)."""
    return [Line(i, clean(raw), _columns(raw)) for i, raw in enumerate(text.splitlines(), start=1)]


def _columns(raw: str) -> tuple[str, ...]:
    """The line cut at table bars and at gaps of three spaces or more."""
    parts = (clean(part) for part in re.split(r"\s{3,}|\|", raw.strip()))
    return tuple(part for part in parts if part)


def classify(line: Line) -> Classified:
    """The kind of a line: heading of some rank, bullet, sub-bullet, text or blank."""
    if not line.text:
        return Classified(line, Kind.BLANK, "", "")
    for kind, pattern in _PATTERNS:
        match = pattern.match(line.text)
        if match and kind is Kind.STAGE:  # the whole line is the title; "Đợt 2" the label
            return Classified(line, kind, match.group(2), clean(match.group(1)))
        if match:
            return Classified(line, kind, match.group(1), clean(match.group(2)))
    return Classified(line, Kind.TEXT, "", line.text)


def strip_item(text: str) -> str:
    """A bullet's text without trailing punctuation (topics are kept whole otherwise)."""
    return re.sub(r"[\s.;:,…]+$", "", text).strip()


def starts_lowercase(text: str) -> bool:
    """True when the text begins with a lowercase letter (a wrapped continuation)."""
    return bool(text) and text[0].isalpha() and text[0].islower()


def ends_sentence(text: str) -> bool:
    """True when the text ends like a finished sentence or item."""
    return text.rstrip().endswith((".", ";", ":", "!", "?", "…", "./."))
