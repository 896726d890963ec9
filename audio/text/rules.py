"""Reading rules: how each kind of token is said, given the words around it."""

from __future__ import annotations

import re
from collections.abc import Callable

from audio.text.context import Window
from audio.text.dates import (
    read_date,
    read_day,
    read_day_range,
    read_month,
    read_month_range,
    read_month_year,
    read_time,
    read_year,
)
from audio.text.lexicon import CODE_CUE, NUMBER_CUE, Lexicon
from audio.text.lunar import is_lunar, read_lunar_date, read_lunar_month
from audio.text.numbers import (
    read_cardinal,
    read_digits,
    read_integer,
    read_numeral,
    read_ordinal,
    read_zero_padded,
)
from audio.text.orthography import is_vietnamese_syllable, letter_name
from audio.text.phones import phone_items
from audio.text.phrases import ends_with_any, phrases
from audio.text.ranges import in_day_list, is_range_dash, read_number_dash
from audio.text.roman import read_roman, roman_value
from audio.text.spans import CLAUSE, SENTENCE, Item, Span
from audio.text.tokens import BASIC_TOKENIZER, Token

_PHONE_CUES = phrases(
    "gọi", "gọi điện", "đường dây nóng", "điện thoại", "đt", "sđt", "hotline", "fax", "tổng đài"
)
_PHONE_FILLERS = frozenset({"số", "ngay", "cho", "tới", "đến", "vào", "máy", "là"})
_PHONE_LIST_FILLERS = frozenset({NUMBER_CUE, "hoặc", "và"})
"""Between numbers of a list after a phone cue (gọi 113, 114 hoặc 115)."""
_MUNG = frozenset({"mùng", "mồng"})
_DAY_WORDS = frozenset({"ngày", *_MUNG})
_LIST_WORDS = frozenset({"và", "hoặc", "đến", NUMBER_CUE})
_COUNTING_WORDS = frozenset({"mỗi", "một", "hằng", "hàng", "vài", "mấy", "nhiều", "mọi"})
_FRACTION_CUES = frozenset(
    {"đạt", "được", "chiếm", "giảm", "tăng", "còn", "khoảng", "gần", "hơn", "bằng", "đủ"}
)
_RATE_UNITS_TEXT = (
    "người năm tháng ngày giờ tuần quý hộ lượt lần suất khẩu buổi ca con chiếc cái xe phút"
    " giây km kg ha m m2 m² m3 m³ lít tấn sào mẫu em cháu trẻ phòng căn bộ đợt kỳ đêm bao"
    " thùng hộp gói chai lô thửa cây liều mũi lớp trường điểm tổ tiết trận chuyến khóa"
    " xã phường thôn ấp khu"
)
RATE_UNITS = frozenset(_RATE_UNITS_TEXT.split())
"""Words after which '/' reads 'một' (đồng/người/năm → đồng một người một năm)."""
COUNTED_NOUNS = (
    RATE_UNITS
    | frozenset(["cuộc", "tin", "đơn", "ý"])
    | frozenset(["công", "thanh", "cán", "hội", "đoàn", "học", "cử", "nam", "nữ", "gia"])
)
"""Words after a number that make it a count even after a phone cue (gọi 234 công dân)."""
_DOTTED_DATE_CUES = frozenset(
    {"ngày", "mùng", "mồng", "từ", "đến", "và", "sáng", "trưa", "chiều", "tối", "đêm", "hôm", "nay"}
)
_AMOUNT_WORDS = RATE_UNITS | frozenset({"triệu", "nghìn", "ngàn", "tỷ", "đồng", "%", "lần"})
_SERVICE_RE = re.compile(r"1\d{2,3}")
_NOT_SERVICE_BEFORE = frozenset(
    {"năm", "tháng", "ngày", "khoảng", "hơn", "gần", "trên", "dưới", "thứ", "lần", "có"}
)
_DAY_MONTH_DOT_RE = re.compile(r"(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])")
_CODE_SEGMENT_RE = re.compile(r"([A-ZĐƯ][A-Za-zĐđƯư]*)(\d*)|&")

Rule = Callable[[Token, int, Window, Lexicon], list[Item]]


def _prev(before: list[str]) -> str:
    """The nearest preceding word, or ''."""
    return before[-1] if before else ""


def _is_counted(before: list[str]) -> bool:
    """True when the unit word before a number is itself counted (3 ngày 2 đêm, mỗi tháng 4 lần)."""
    if len(before) < 2:
        return False
    word = before[-2]
    if word == NUMBER_CUE:
        if len(before) >= 3 and before[-3] in _LIST_WORDS:  # ngày 7 và 8 tháng 3
            return not set(before[-5:-3]) <= _DAY_WORDS | _LIST_WORDS
        return len(before) < 3 or before[-3] not in _DAY_WORDS | {"số"}  # số 07/TB ngày 10
    return word in _COUNTING_WORDS


def _after_phone_cue(before: list[str], text: str = "") -> bool:
    """True when the words before a number ask for a phone number (gọi ngay số 115)."""
    fillers = _PHONE_FILLERS | _PHONE_LIST_FILLERS if len(text) >= 3 else _PHONE_FILLERS
    trimmed = list(before)
    while len(trimmed) > 1 and trimmed[-1] in fillers:
        trimmed.pop()
    return ends_with_any(trimmed, _PHONE_CUES)


def _dotted_date_context(before: list[str], after: list[str]) -> bool:
    """True when D.M between these words is a date (ngày 21.12), not a sloppy decimal."""
    if _prev(before) not in _DOTTED_DATE_CUES:
        return False
    return not after or after[0] not in _AMOUNT_WORDS


def _is_service_number(text: str, before: list[str], after: list[str]) -> bool:
    """A short service number (111, 113, 1022) a few words after a phone cue (tổng đài … 111)."""
    if not _SERVICE_RE.fullmatch(text) or _prev(before) in _NOT_SERVICE_BEFORE:
        return False
    if after and after[0] in COUNTED_NOUNS:
        return False
    return any(ends_with_any(before[:end], _PHONE_CUES) for end in range(1, len(before) + 1))


def read_number_in_context(text: str, before: list[str], after: list[str] | None = None) -> str:
    """A written number, read as a phone, ordinal, day or month when the words around say so."""
    if _after_phone_cue(before, text) and not (after and after[0] in COUNTED_NOUNS):
        return read_digits(text)
    if _is_service_number(text, before, after or []):
        return read_digits(text)
    if not text.isdigit():
        day_month = _DAY_MONTH_DOT_RE.fullmatch(text)
        if day_month and _dotted_date_context(before, after or []):  # ngày 21.12, từ 28.6
            return read_date(int(day_month.group(1)), int(day_month.group(2)))
        return read_numeral(text)
    if text.startswith("0") and len(text) >= 5:
        return read_digits(text)
    n, prev = int(text), _prev(before)
    if prev == "thứ":
        return read_ordinal(n)
    if prev == "ngày" and 1 <= n <= 31 and not _is_counted(before):
        return read_day(n)
    if prev == "tháng" and 1 <= n <= 12 and not _is_counted(before):
        return read_lunar_month(n) if is_lunar(after or []) else read_month(n)
    if prev == "giờ" and n == 0:  # 08 giờ 00 → tám giờ
        return ""
    return read_integer(text)


def read_word(text: str, before: list[str]) -> Span:
    """A word: Roman numeral in context, letter name, known syllable or unknown acronym."""
    roman = read_roman(text, before)
    if roman is not None:
        return Span(text, roman, "rule")
    if len(text) == 1 and (text.isupper() or not is_vietnamese_syllable(text)):
        return Span(text, letter_name(text), "rule")
    if len(text) > 1 and text.isupper() and not is_vietnamese_syllable(text):
        return Span(text, text.lower(), "unknown")
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
        return [read_word(token.text, before)]
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
    spoken = read_number_in_context(token.text, window.before(i, 16), window.after(i))
    return _spoken(token, spoken)


def _num_dash(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    first, second = token.part("a"), token.part("b")
    return _spoken(token, read_number_dash(first, second, window.before(i, 5), window.after(i, 1)))


def _code_segment(letters: str, following: list[str], lexicon: Lexicon) -> Span:
    """One letter group of a document code, from the lexicon or reported as unknown."""
    entry = lexicon.lookup(letters, [CODE_CUE], following)
    if entry is not None:
        return Span(letters, entry.spoken, entry.origin)
    return Span(letters, letters.lower(), "unknown")


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
    mung = _prev(window.before(i)) not in _MUNG
    day, month = int(token.part("d")), int(token.part("m"))
    return _spoken(token, read_date(day, month, int(token.part("y")), mung))


def _drange(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    mung = _prev(window.before(i)) not in _MUNG
    first, last, month = int(token.part("d1")), int(token.part("d2")), int(token.part("m"))
    year = token.parts["y"]
    return _spoken(token, read_day_range(first, last, month, int(year) if year else None, mung))


def _mrange(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    say_thang = _prev(window.before(i)) != "tháng"
    first, last, year = int(token.part("m1")), int(token.part("m2")), int(token.part("y"))
    return _spoken(token, read_month_range(first, last, year, say_thang))


def _month_year(token: Token, i: int, window: Window, lexicon: Lexicon) -> list[Item]:
    prev = _prev(window.before(i))
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
    prev = _prev(window.before(i))
    day, month = int(token.part("d")), int(token.part("m"))
    if prev in _FRACTION_CUES:
        return _spoken(token, f"{read_cardinal(day)} phần {read_cardinal(month)}")
    if is_lunar(window.after(i)):
        return _spoken(token, read_lunar_date(day, month, prev not in _MUNG))
    return _spoken(token, read_date(day, month, None, prev not in _MUNG))


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
