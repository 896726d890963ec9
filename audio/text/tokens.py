"""Tokeniser: one regex over the whole text that finds dates, times, codes, numbers and words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"\d{4}"
_HOUR = r"(?:2[0-4]|[01]?\d)"
_MINUTE = r"[0-5]\d"
_FREE_LEFT = r"(?<![\d/.,])"  # not the middle of a longer number
_FREE_RIGHT = r"(?![\d/])"
_RANGE = r"[ \t]*[-–][ \t]*"

NUMERIC_KINDS = frozenset(
    {
        "number",
        "date",
        "drange",
        "mrange",
        "month_year",
        "quarter",
        "day_month",
        "time",
        "num_dash",
        "code",
    }
)
PHONE_KINDS = frozenset({"phone", "paren_phone"})

# (kind, regex) in priority order; the lexicon alternative is inserted after "paren_phone".
_HEAD: tuple[tuple[str, str], ...] = (
    ("newline", r"\r?\n"),
    (
        "section",
        r"^[ \t]*(?:(?P<section__num>(?:\d{1,2}|[IVX]{1,5})(?:\.\d{1,2})*)[.)]"
        r"|(?P<section__letter>[a-zđ])\))(?=[ \t])",
    ),
    ("paren_phone", r"\(0\d{1,3}\)[ .]?\d{3,4}[ .]?\d{3,4}(?!\d)"),
)
_TAIL: tuple[tuple[str, str], ...] = (
    (
        "code",
        r"(?<![\w/.,])(?P<code__num>\d{1,6})(?:/(?P<code__year>\d{4}))?(?:[ \t]?/[ \t]?|-)"
        r"(?P<code__tail>[A-ZĐƯ][A-Za-zĐđƯư]+\d*(?:[-/&][A-ZĐƯ][A-Za-zĐđƯư]*\d*)*)(?![^\W_])",
    ),
    (
        "drange",
        _FREE_LEFT + rf"(?P<drange__d1>{_DAY}){_RANGE}(?P<drange__d2>{_DAY})/"
        rf"(?P<drange__m>{_MONTH})(?:/(?P<drange__y>{_YEAR}))?" + _FREE_RIGHT,
    ),
    (
        "date",
        _FREE_LEFT + rf"(?P<date__d>{_DAY})(?P<date__sep>[/.-])(?P<date__m>{_MONTH})"
        rf"(?P=date__sep)(?P<date__y>{_YEAR})" + _FREE_RIGHT,
    ),
    (
        "mrange",
        _FREE_LEFT + rf"(?P<mrange__m1>{_MONTH}){_RANGE}(?P<mrange__m2>{_MONTH})/"
        rf"(?P<mrange__y>{_YEAR})" + _FREE_RIGHT,
    ),
    (
        "phone",
        r"(?<![\w.,])(?:0\d{9,10}|0\d{2,3}[. -]\d{3,4}[. -]?\d{3,4}"
        r"|\+84[ .]?\d{2,3}(?:[. ]?\d{3,4}){2}"
        r"|0\d(?:[. ]?\d){8,9}"  # 04.32 818 818, 028.3830.0701: ten or eleven digits in any groups
        r"|1[89]00(?:[. ]?\d{4}(?:\d{2})?|[. ]\d{3}[. ]\d{3}|(?:[. ]\d{2}){2,3}))(?!\w)",
    ),
    (
        "month_year",
        _FREE_LEFT + rf"(?P<month_year__m>{_MONTH})/(?P<month_year__y>{_YEAR})" + _FREE_RIGHT,
    ),
    ("quarter", rf"(?<![\w/])(?P<quarter__q>[IVX]{{1,4}})[/-](?P<quarter__y>{_YEAR})(?!\d)"),
    (
        "day_month",
        _FREE_LEFT + rf"(?P<day_month__d>{_DAY})/(?P<day_month__m>{_MONTH})" + _FREE_RIGHT,
    ),
    (
        "time",
        _FREE_LEFT
        + rf"(?P<time__h>{_HOUR})(?:[hH](?P<time__m>{_MINUTE})?|[:g](?P<time__m2>{_MINUTE})"
        r"|g(?=[ \t]+(?:ngày|sáng|trưa|chiều|tối|đêm|hôm|hằng|hàng|đến)\b))"
        r"(?![^\W_])",
    ),
    (
        "num_dash",  # 15-3, 8-2024, 2-3: a hyphenated date or a range, told apart by context
        _FREE_LEFT + r"(?P<num_dash__a>\d{1,2})[-–](?P<num_dash__b>\d{4}|\d{1,2})"
        r"(?![\d/]|[.,]\d|[-–]\d|[^\W_])",
    ),
    ("number", r"\d+(?:[.,]\d+)*"),
    ("word", r"[^\W\d_]+"),
    ("dash", r"[-–—]+"),
    ("slash", r"/"),
    ("stop", r"[.!?…]+"),
    ("pause", r"[,;:()\[\]{}]"),
    ("other", r"\S"),
)


@dataclass(frozen=True)
class Token:
    """A piece of text with its kind and the named parts the kind's regex captured."""

    kind: str
    text: str
    parts: Mapping[str, str | None]

    def part(self, name: str) -> str:
        """A captured part that the kind's regex always fills."""
        value = self.parts[name]
        if value is None:
            raise KeyError(f"{self.kind} token {self.text!r} has no {name}")
        return value


class Tokenizer:
    """Compiled master regex for one lexicon alternation."""

    def __init__(self, lexicon_pattern: str) -> None:
        kinds = [*_HEAD, ("lexicon", lexicon_pattern or r"(?!)"), *_TAIL]
        master = "|".join(f"(?P<{kind}>{regex})" for kind, regex in kinds)
        self._regex = re.compile(master, re.MULTILINE)
        self._parts: dict[str, list[tuple[str, str]]] = {kind: [] for kind, _ in kinds}
        for name in self._regex.groupindex:
            kind, sep, short = name.partition("__")
            if sep:
                self._parts[kind].append((name, short))

    def tokenize(self, text: str) -> list[Token]:
        """Split text into tokens; whitespace other than newlines is dropped."""
        tokens: list[Token] = []
        for match in self._regex.finditer(text):
            kind = str(match.lastgroup)
            parts = {short: match.group(name) for name, short in self._parts[kind]}
            tokens.append(Token(kind, match.group(kind), parts))
        return tokens


BASIC_TOKENIZER = Tokenizer("")
"""Tokeniser without a lexicon, for re-reading a lexicon match whose context did not fit."""
