"""Northern Vietnamese readings of numbers: cardinals, ordinals, decimals and digit strings."""

from __future__ import annotations

import re

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_UNITS_AFTER_TENS = {1: "mốt", 4: "tư", 5: "lăm"}
_BILLION = 1_000_000_000
_MAX_CARDINAL_DIGITS = 15

_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN_RE = re.compile(r"\d+(?:,\d+)?")
_SEPARATED_RE = re.compile(r"(\d+)([.,]?)")


def _triple(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; full reads empty hundreds ('không trăm') and 'linh'."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", DIGITS[units]] if words else [DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_UNITS_AFTER_TENS.get(units, DIGITS[units]))
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 10^9; groups after the first are read in full."""
    words: list[str] = []
    for group, scale in ((n // 1_000_000, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if group == 0:
            continue
        words += _triple(group, full)
        if scale:
            words.append(scale)
        full = True
    return words


def _cardinal_words(n: int, full: bool) -> list[str]:
    """Words for n > 0, recursing on 'tỷ' for large numbers."""
    if n < _BILLION:
        return _below_billion(n, full)
    high, low = divmod(n, _BILLION)
    words = _cardinal_words(high, full) + ["tỷ"]
    if low:
        words += _below_billion(low, True)
    return words


def read_cardinal(n: int) -> str:
    """Cardinal reading: 105 → một trăm linh năm, 2019 → hai nghìn không trăm mười chín."""
    if n < 0:
        return "âm " + read_cardinal(-n)
    if n == 0:
        return DIGITS[0]
    return " ".join(_cardinal_words(n, False))


def read_ordinal(n: int) -> str:
    """Ordinal after 'thứ': 1 → nhất, 4 → tư, otherwise the cardinal."""
    if n == 1:
        return "nhất"
    if n == 4:
        return "tư"
    return read_cardinal(n)


def read_digits(text: str) -> str:
    """Digit by digit, 0 = không; other characters are silent."""
    return " ".join(DIGITS[int(ch)] for ch in text if ch.isdigit())


def read_zero_padded(digits: str) -> str:
    """Each leading zero as 'không', then the rest as a cardinal (05 → không năm)."""
    stripped = digits.lstrip("0")
    zeros = len(digits) - len(stripped)
    words = [DIGITS[0]] * zeros
    if stripped:
        words.append(read_integer(stripped))
    return " ".join(words)


def read_integer(digits: str) -> str:
    """A plain digit string as a cardinal (leading zeros dropped); very long ones digit by digit."""
    if len(digits) > _MAX_CARDINAL_DIGITS:
        return read_digits(digits)
    return read_cardinal(int(digits))


def _read_fraction(digits: str) -> str:
    """Digits after the decimal comma: short parts as numbers, long ones digit by digit."""
    if len(digits.lstrip("0")) > 3:
        return read_digits(digits)
    return read_zero_padded(digits)


def read_numeral(text: str) -> str:
    """A written number: '.' thousands, ',' decimal (phẩy), other dots read 'chấm'."""
    if _THOUSANDS_RE.fullmatch(text) or _PLAIN_RE.fullmatch(text):
        whole, _, fraction = text.replace(".", "").partition(",")
        spoken = read_integer(whole)
        return f"{spoken} phẩy {_read_fraction(fraction)}" if fraction else spoken
    words: list[str] = []
    for part, sep in _SEPARATED_RE.findall(text):
        words.append(read_integer(part))
        if sep:
            words.append("chấm" if sep == "." else "phẩy")
    return " ".join(words)
