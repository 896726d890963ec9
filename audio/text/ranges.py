"""Hyphens and dashes by context: a date written with hyphens, or a range read 'đến'."""

from __future__ import annotations

from audio.text.context import Window
from audio.text.dates import read_date, read_month_year
from audio.text.numbers import read_integer, read_ordinal
from audio.text.tokens import NUMERIC_KINDS

_MUNG = frozenset({"mùng", "mồng"})
_DAY_WORDS = frozenset({"ngày", *_MUNG})
_DAY_TIME_WORDS = frozenset({"sáng", "trưa", "chiều", "tối", "đêm", "hôm", "rạng", "nay"})
"""Words the press puts straight before a hyphenated date (Sáng 15-3, …)."""
_LIST_LINKS = frozenset({"đến", "và", "hoặc", "tới"})
_WEEKDAYS = frozenset({"hai", "ba", "tư", "năm", "sáu", "bảy"})
_RANGE_STARTS = frozenset({"tháng", "ngày", "thứ", "năm", "quý", "mùng", "mồng"})
"""Words that open the second half of a range (… - tháng 5/2024, … - Thứ Sáu)."""
_RANGE_UNITS = frozenset({"giờ", "phút", "tuổi", "tuần", "tháng", "năm", "ngày"})
_FIRST_YEAR, _LAST_YEAR = 1900, 2100


_COUNT_UNITS = frozenset({"%", "người", "hộ", "tuổi", "lần", "lượt", "ca", "giờ", "phút"})
"""Words after N-N that make it a count, not a date (ngày 1-2 lần, sáng nay 5-10 người)."""
_COUNTING_WORDS = frozenset({"mỗi", "một", "hằng", "hàng", "vài", "mấy", "trong"})


def _in_date_context(before: list[str], after: list[str]) -> bool:
    """True when a hyphenated day-month pair between these words is a date (ngày 15-3)."""
    prev = before[-1] if before else ""
    if after and after[0] in _COUNT_UNITS:
        return False
    if prev in _DAY_WORDS:
        return len(before) < 2 or before[-2] not in _COUNTING_WORDS
    if prev in _DAY_TIME_WORDS:
        return not after or after[0] not in ("ngày", "tháng", "năm")
    return prev in _LIST_LINKS and "ngày" in before[-4:-1]


def read_number_dash(first: str, second: str, before: list[str], after: list[str]) -> str:
    """N-N written without spaces: a date (ngày 15-3, tháng 8-2024) or a range (2-3 ngày)."""
    a, b = int(first), int(second)
    prev = before[-1] if before else ""
    if len(second) == 4 and 1 <= a <= 12 and _FIRST_YEAR <= b <= _LAST_YEAR:
        return read_month_year(a, b, say_thang=prev != "tháng")
    if _in_date_context(before, after) and 1 <= a <= 31 and 1 <= b <= 12:
        return read_date(a, b, None, mung=prev not in _MUNG)
    if prev == "thứ" and 2 <= a <= 7 and 2 <= b <= 7:
        return f"{read_ordinal(a)} đến thứ {read_ordinal(b)}"
    return f"{read_integer(first)} đến {read_integer(second)}"


def _is_numeric(window: Window, j: int) -> bool:
    """True when token j is a number, date or time (not a document code)."""
    token = window.neighbour(j, 0)
    return token is not None and token.kind in NUMERIC_KINDS and token.kind != "code"


def _word(window: Window, j: int) -> str:
    """Lowercase text of token j when it is a word, else ''."""
    token = window.neighbour(j, 0)
    if token is None or token.kind not in ("word", "lexicon"):
        return ""
    return token.text.lower()


def _ends_range_half(window: Window, j: int) -> bool:
    """True when token j ends a number, date, time, unit after a number or weekday."""
    if window.is_quantity_end(j) or _is_numeric(window, j):
        return True
    word = _word(window, j)
    if word in _RANGE_UNITS and _is_numeric(window, j - 1):
        return True
    if word in _WEEKDAYS and _word(window, j - 1) == "thứ":
        return True
    return word == "nhật" and _word(window, j - 1) == "chủ"


def _starts_range_half(window: Window, j: int) -> bool:
    """True when token j opens a number, date, time or weekday."""
    if _is_numeric(window, j):
        return True
    word = _word(window, j)
    if word == "chủ":
        return _word(window, j + 1) == "nhật"
    if word not in _RANGE_STARTS:
        return False
    return _is_numeric(window, j + 1) or (word == "thứ" and _word(window, j + 1) in _WEEKDAYS)


_DATE_KINDS = frozenset({"date", "day_month", "drange", "month_year", "mrange"})


def _date_beside_time(window: Window, i: int) -> bool:
    """True for a date and a clock time on either side of a dash (14/07/2021 - 20:45)."""
    kinds = {token.kind for token in (window.neighbour(i, -1), window.neighbour(i, 1)) if token}
    return "time" in kinds and bool(kinds & _DATE_KINDS)


def is_range_dash(window: Window, i: int) -> bool:
    """True when the dash at i stands between two halves of a range and reads 'đến'."""
    if _date_beside_time(window, i):
        return False
    return _ends_range_half(window, i - 1) and _starts_range_half(window, i + 1)


def _list_item(window: Window, j: int) -> bool:
    """True for a plain day number (1–31) inside a list of days."""
    token = window.neighbour(j, 0)
    return (
        token is not None
        and token.kind == "number"
        and token.text.isdigit()
        and int(token.text) <= 31
    )


def _is_link(window: Window, j: int) -> bool:
    """True for ',' or a list word (và, hoặc) between two days."""
    token = window.neighbour(j, 0)
    return token is not None and (token.text == "," or token.text.lower() in ("và", "hoặc"))


def _closes_day_list(window: Window, j: int) -> bool:
    """True when token j is a day with its month (8/3, 9/3/2024) or a day before 'tháng'."""
    token = window.neighbour(j, 0)
    if token is None:
        return False
    if token.kind in ("day_month", "date", "drange", "num_dash"):
        return True
    if not _list_item(window, j):
        return False
    following = _word(window, j + 1)
    if following in ("hàng", "hằng", "mỗi"):  # ngày 5 và 20 hàng tháng
        following = _word(window, j + 2)
    return following == "tháng"


def in_day_list(window: Window, i: int) -> bool:
    """True for a day number in a list sharing one month (ngày 7, 8 và 9/3): it takes 'mùng'."""
    j = i - 1
    while _is_link(window, j) and _list_item(window, j - 1):
        j -= 2
    if j == i - 1 or _word(window, j) not in _DAY_WORDS:
        return False
    if _closes_day_list(window, i):
        return True
    k = i + 1
    while _is_link(window, k) and _list_item(window, k + 1) and not _closes_day_list(window, k + 1):
        k += 2
    return _is_link(window, k) and _closes_day_list(window, k + 1)
