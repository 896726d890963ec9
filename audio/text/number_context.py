"""How a plain written number is said, given the words around it (phone, day, month, date)."""

from __future__ import annotations

import re

from audio.text.dates import read_date, read_day, read_month
from audio.text.lexicon import NUMBER_CUE
from audio.text.lunar import is_lunar, read_lunar_month
from audio.text.numbers import read_digits, read_integer, read_numeral, read_ordinal
from audio.text.phrases import ends_with_any, phrases

_PHONE_CUES = phrases(
    "gọi", "gọi điện", "đường dây nóng", "điện thoại", "đt", "sđt", "hotline", "fax", "tổng đài"
)
_PHONE_FILLERS = frozenset({"số", "ngay", "cho", "tới", "đến", "vào", "máy", "là"})
_PHONE_LIST_FILLERS = frozenset({NUMBER_CUE, "hoặc", "và"})
"""Between numbers of a list after a phone cue (gọi 113, 114 hoặc 115)."""
MUNG = frozenset({"mùng", "mồng"})
_DAY_WORDS = frozenset({"ngày", *MUNG})
_LIST_WORDS = frozenset({"và", "hoặc", "đến", NUMBER_CUE})
_COUNTING_WORDS = frozenset({"mỗi", "một", "hằng", "hàng", "vài", "mấy", "nhiều", "mọi"})
_RATE_UNITS_TEXT = (
    "người năm tháng ngày giờ tuần quý hộ lượt lần suất khẩu buổi ca con chiếc cái xe phút"
    " giây km kg ha m m2 m² m3 m³ lít tấn sào mẫu em cháu trẻ phòng căn bộ đợt kỳ đêm bao"
    " thùng hộp gói chai lô thửa cây liều mũi lớp trường điểm tổ tiết trận chuyến khóa"
    " xã phường thôn ấp khu"
)
RATE_UNITS = frozenset(_RATE_UNITS_TEXT.split())
"""Words after which '/' reads 'một' (đồng/người/năm → đồng một người một năm)."""
COUNTED_NOUNS = RATE_UNITS | frozenset(
    "cuộc tin đơn ý công thanh cán hội đoàn học cử nam nữ gia".split()  # noqa: SIM905
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


def prev_word(before: list[str]) -> str:
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
    if prev_word(before) not in _DOTTED_DATE_CUES:
        return False
    return not after or after[0] not in _AMOUNT_WORDS


def _is_service_number(text: str, before: list[str], after: list[str]) -> bool:
    """A short service number (111, 113, 1022) a few words after a phone cue (tổng đài … 111)."""
    if not _SERVICE_RE.fullmatch(text) or prev_word(before) in _NOT_SERVICE_BEFORE:
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
    n, prev = int(text), prev_word(before)
    if prev == "thứ":
        return read_ordinal(n)
    if prev == "ngày" and 1 <= n <= 31 and not _is_counted(before):
        return read_day(n)
    if prev == "tháng" and 1 <= n <= 12 and not _is_counted(before):
        return read_lunar_month(n) if is_lunar(after or []) else read_month(n)
    if prev == "giờ" and n == 0:  # 08 giờ 00 → tám giờ
        return ""
    return read_integer(text)
