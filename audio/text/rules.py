"""Reading rules: how each kind of token is said, given the words around it."""

from __future__ import annotations

import re
from collections.abc import Callable

from audio.text.context import Window
from audio.text.dates import (
    read_date,
    read_day,
    read_day_range,
    read_month_range,
    read_month_year,
    read_time,
    read_year,
)
from audio.text.lexicon import CODE_CUE, Lexicon
from audio.text.lunar import is_lunar, read_lunar_date
from audio.text.number_context import MUNG, RATE_UNITS, prev_word, read_number_in_context
from audio.text.numbers import (
    read_cardinal,
    read_integer,
    read_zero_padded,
)
from audio.text.orthography import is_vietnamese_syllable, letter_name, spell
from audio.text.phones import phone_items
from audio.text.ranges import in_day_list, is_range_dash, read_number_dash
from audio.text.roman import read_roman, roman_value
from audio.text.spans import CLAUSE, SENTENCE, Item, Span
from audio.text.tokens import BASIC_TOKENIZER, Token

_FRACTION_CUES = frozenset(
    {"đạt", "được", "chiếm", "giảm", "tăng", "còn", "khoảng", "gần", "hơn", "bằng", "đủ"}
)
_CODE_SEGMENT_RE = re.compile(r"([A-ZĐƯ][A-Za-zĐđƯư]*)(\d*)|&")

Rule = Callable[[Token, int, Window, Lexicon], list[Item]]


def read_word(text: str, before: list[str], alone: bool = False) -> Span:
    """A word: Roman numeral in context, letter name, known syllable, or an unknown all-caps
    token spelt with Vietnamese letter names (and reported)."""
    roman = read_roman(text, before, alone)
    if roman is not None:
        return Span(text, roman, "rule")
    if len(text) == 1 and (text.isupper() or not is_vietnamese_syllable(text)):
        return Span(text, letter_name(text), "rule")
    if len(text) > 1 and text.isupper() and not is_vietnamese_syllable(text):
        return Span(text, spell(text), "unknown")
    return Span(text, text.lower(), "text")


def _reread(text: str, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    """Read text again with the basic tokeniser (a lexicon match whose context did not fit)."""
    items: list[Item] = []
    for token in BASIC_TOKENIZER.tokenize(text):
        items += RULES[token.kind](token, i, window, lexicon)
    return items


def _after_zero_minutes(i: int, window: Window) -> bool:
    """True for 'phút' after '00' after 'giờ' (8 giờ 00 phút → tám giờ)."""
    zero, hour = window.neighbour(i, -1), window.neighbour(i, -2)
    return (
        zero is not None
        and hour is not None
        and zero.kind == "number"
        and zero.text.strip("0") == ""
        and hour.text.lower() == "giờ"
    )


def _word(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    before = window.before(i)
    if token.text.lower() == "phút" and _after_zero_minutes(i, window):
        return []
    if token.text.isalpha():
        return [read_word(token.text, before, window.stands_alone(i))]
    # \w also takes superscripts and the like: keep only the letters.
    letters = "".join(ch if ch.isalpha() else " " for ch in token.text).split()
    return [read_word(part, before) for part in letters]


def _lexicon(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    entry = lexicon.lookup(token.text, window.before(i), window.after(i))
    if entry is None:
        return _reread(token.text, i, window, lexicon)
    return [Span(token.text, entry.spoken, entry.origin)]


def _number(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    if token.text.isdigit() and in_day_list(window, i):
        return _spoken(token, read_day(int(token.text)))
    spoken = read_number_in_context(token.text, window.before(i, 16), window.after(i, 5))
    return _spoken(token, spoken)


def _num_dash(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    first, second = token.part("a"), token.part("b")
    return _spoken(token, read_number_dash(first, second, window.before(i, 5), window.after(i, 1)))


def _code_segment(letters: str, following: list[str], lexicon: Lexicon) -> Span:
    """One letter group of a document code, from the lexicon or reported as unknown."""
    entry = lexicon.lookup(letters, [CODE_CUE], following)
    if entry is not None:
        return Span(letters, entry.spoken, entry.origin)
    return Span(letters, spell(letters), "unknown")


def _code(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    number = token.part("num")
    spans: list[Item] = [Span(number, read_zero_padded(number), "rule")]
    year = token.parts["year"]
    if year:
        spans.append(Span(year, read_year(int(year)), "rule"))
    segments = list(_CODE_SEGMENT_RE.finditer(token.part("tail")))
    for k, match in enumerate(segments):
        letters, digits = match.group(1), match.group(2)
        if letters is None:
            spans.append(Span("&", "và", "lexicon"))
            continue
        following = [m.group(0).lower() for m in segments[k + 1 :]]
        spans.append(_code_segment(letters, following, lexicon))
        if digits:
            spans.append(Span(digits, read_integer(digits), "rule"))
    return spans


def _spoken(token: Token, spoken: str) -> list[Item]:
    return [Span(token.text, spoken, "rule")]


def _date(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    mung = prev_word(window.before(i)) not in MUNG
    day, month = int(token.part("d")), int(token.part("m"))
    return _spoken(token, read_date(day, month, int(token.part("y")), mung))


def _drange(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    mung = prev_word(window.before(i)) not in MUNG
    first, last, month = int(token.part("d1")), int(token.part("d2")), int(token.part("m"))
    year = token.parts["y"]
    return _spoken(token, read_day_range(first, last, month, int(year) if year else None, mung))


def _mrange(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    say_thang = prev_word(window.before(i)) != "tháng"
    first, last, year = int(token.part("m1")), int(token.part("m2")), int(token.part("y"))
    return _spoken(token, read_month_range(first, last, year, say_thang))


def _month_year(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    prev = prev_word(window.before(i))
    month, year = int(token.part("m")), int(token.part("y"))
    if prev == "quý":
        return _spoken(token, f"{read_cardinal(month)} {read_year(year)}")
    if prev == "số":  # a document number with its year: số 01/2020
        return _spoken(token, f"{read_zero_padded(token.part('m'))} {read_year(year)}")
    return _spoken(token, read_month_year(month, year, say_thang=prev != "tháng"))


def _quarter(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    value = roman_value(token.part("q"))
    if value is None:
        return _reread(token.text, i, window, lexicon)
    return _spoken(token, f"{read_cardinal(value)} {read_year(int(token.part('y')))}")


def _day_month(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    prev = prev_word(window.before(i))
    day, month = int(token.part("d")), int(token.part("m"))
    if prev in _FRACTION_CUES:
        return _spoken(token, f"{read_cardinal(day)} phần {read_cardinal(month)}")
    if is_lunar(window.after(i, 5)):
        return _spoken(token, read_lunar_date(day, month, prev not in MUNG))
    return _spoken(token, read_date(day, month, None, prev not in MUNG))


def _time(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    minute = token.parts["m"] or token.parts["m2"] or "0"
    return _spoken(token, read_time(int(token.part("h")), int(minute)))


def _phone(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    return phone_items(token.text)


def _section_part(part: str) -> str | None:
    """One part of a section number: Arabic or Roman (cardinal), None if not a numeral."""
    if part.isdigit():
        return read_integer(part)
    value = roman_value(part)
    return None if value is None else read_cardinal(value)


def _section(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    number, letter = token.parts["num"], token.parts["letter"]
    if letter is not None:
        return [Span(token.text.strip(), letter_name(letter), "rule"), CLAUSE]
    parts = [_section_part(part) for part in (number or "").split(".")]
    if None in parts:
        return [*_reread(token.text, i, window, lexicon), CLAUSE]
    return [Span(token.text.strip(), " chấm ".join(filter(None, parts)), "rule"), CLAUSE]


def _dash(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    if is_range_dash(window, i):
        return [Span(token.text, "đến", "rule")]
    return [CLAUSE]


def _is_year(token: Token | None) -> bool:
    """True for a plain four-digit number."""
    return token is not None and token.kind == "number" and len(token.text) == 4


def _slash(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    prev, nxt = window.neighbour(i, -1), window.neighbour(i, 1)
    if prev is None or nxt is None:
        return []
    if _is_year(prev) and _is_year(nxt):  # năm học 2020/2021
        return [Span(token.text, "đến", "rule")]
    if prev.kind in ("word", "lexicon") and nxt.text.lower() in RATE_UNITS:
        return [Span(token.text, "một", "rule")]
    return []


def _clause(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    return [CLAUSE]


def _sentence(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    return [SENTENCE]


def _silent(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    return []


RULES: dict[str, Rule] = {
    "newline": _sentence,
    "section": _section,
    "paren_phone": _phone,
    "lexicon": _lexicon,
    "code": _code,
    "drange": _drange,
    "date": _date,
    "mrange": _mrange,
    "phone": _phone,
    "month_year": _month_year,
    "quarter": _quarter,
    "day_month": _day_month,
    "time": _time,
    "num_dash": _num_dash,
    "number": _number,
    "word": _word,
    "dash": _dash,
    "slash": _slash,
    "stop": _sentence,
    "pause": _clause,
    "other": _silent,
}
