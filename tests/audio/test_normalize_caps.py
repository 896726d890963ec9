"""All-caps text: unknown acronyms are spelt and reported, Vietnamese words in capitals stay words,
and Roman numerals are read only where the context makes them numbers."""

from __future__ import annotations

import pytest

from audio.text import explain, normalize_for_speech, read_cardinal, read_ordinal
from audio.text.orthography import is_vietnamese_syllable, spell
from audio.text.roman import roman_value


def _roman(n: int) -> str:
    """n (1–99) in Roman numerals, written as notices write them."""
    tens = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"]
    units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return tens[n // 10] + units[n % 10]


ROMANS = [_roman(n) for n in range(1, 100) if _roman(n) not in ("L",)]
SYLLABLE_ROMANS = [r for r in ROMANS if len(r) > 1 and is_vietnamese_syllable(r)]


def test_generated_roman_numerals_are_well_formed() -> None:
    assert [roman_value(r) for r in ROMANS] == [n for n in range(1, 100) if n != 50]
    assert SYLLABLE_ROMANS == ["VI", "XI", "LI"]


@pytest.mark.parametrize(
    ("text", "spoken", "unknown"),
    [
        ("XYZ", "ích xì y dét", ("XYZ",)),
        ("Nhóm FB HTQ của xã", "nhóm ép bê hát tê quy của xã", ("FB", "HTQ")),
        ("ĐKVX tổ chức", "đê ca vê ích xì tổ chức", ("ĐKVX",)),
        ("WIFI miễn phí", "vê kép i ép i miễn phí", ("WIFI",)),
        ("Tổ BCN số 2", "tổ bê xê en nờ số hai", ("BCN",)),
    ],
)
def test_unknown_acronyms_are_spelt_with_vietnamese_letter_names(
    text: str, spoken: str, unknown: tuple[str, ...]
) -> None:
    result = explain(text)
    assert result.spoken == spoken
    assert result.unknown == unknown
    assert all(span.origin == "unknown" for span in result.spans if span.source in unknown)


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("THÔNG BÁO LỊCH CẮT ĐIỆN", "thông báo lịch cắt điện"),
        ("MỪNG XUÂN GIÁP THÌN", "mừng xuân giáp thìn"),
        ("NỘI DUNG CHÍNH", "nội dung chính"),
        ("KẾ HOẠCH TUYÊN TRUYỀN KHUYẾN HỌC", "kế hoạch tuyên truyền khuyến học"),
        ("ĐẠI HỘI ĐẢNG BỘ XÃ LẦN THỨ XV", "đại hội đảng bộ xã lần thứ mười lăm"),
        ("QUỐC HỘI KHÓA XV, KỲ HỌP THỨ VI", "quốc hội khóa mười lăm kỳ họp thứ sáu"),
        ("UBND XÃ THÔNG BÁO", "ủy ban nhân dân xã thông báo"),
        ("VI VU MÙA HÈ", "vi vu mùa hè"),
        ("XI MĂNG, LI TI, VI KHUẨN", "xi măng li ti vi khuẩn"),
    ],
)
def test_all_caps_headlines_keep_their_words(text: str, spoken: str) -> None:
    result = explain(text)
    assert result.spoken == spoken
    assert result.unknown == ()


@pytest.mark.parametrize("roman", ROMANS)
def test_a_roman_numeral_in_a_headline_is_not_a_number(roman: str) -> None:
    word = roman.lower() if roman in SYLLABLE_ROMANS else spell(roman)
    assert normalize_for_speech(f"THÔNG BÁO {roman} MỪNG XUÂN") == f"thông báo {word} mừng xuân"


@pytest.mark.parametrize("roman", ROMANS)
def test_a_roman_numeral_after_khoa_is_a_cardinal(roman: str) -> None:
    value = roman_value(roman)
    assert value is not None
    assert normalize_for_speech(f"khóa {roman}") == f"khóa {read_cardinal(value)}"
    assert normalize_for_speech(f"KHÓA {roman}") == f"khóa {read_cardinal(value)}"


@pytest.mark.parametrize("roman", ROMANS)
def test_a_roman_numeral_after_lan_thu_is_an_ordinal(roman: str) -> None:
    value = roman_value(roman)
    assert value is not None
    assert normalize_for_speech(f"LẦN THỨ {roman}") == f"lần thứ {read_ordinal(value)}"


@pytest.mark.parametrize("roman", SYLLABLE_ROMANS)
def test_a_syllable_that_is_a_roman_numeral_reads_both_ways(roman: str) -> None:
    value = roman_value(roman)
    assert value is not None
    number = read_cardinal(value)
    assert normalize_for_speech(f"ĐẠI HỘI {roman}") == f"đại hội {number}"
    assert normalize_for_speech(f"Quý {roman}") == f"quý {number}"
    assert normalize_for_speech(f"kỳ họp {roman}") == f"kỳ họp {number}"
    assert normalize_for_speech(f"CHÀO {roman} MỪNG") == f"chào {roman.lower()} mừng"
    assert explain(f"CHÀO {roman} MỪNG").unknown == ()


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("II. MỤC ĐÍCH", "hai mục đích"),
        ("VI. TỔ CHỨC THỰC HIỆN", "sáu tổ chức thực hiện"),
        ("Phụ lục (IV)", "phụ lục bốn"),
        ("Mẫu số: II-A", "mẫu số hai a"),
        ("XII", "mười hai"),
        ("chương III", "chương ba"),
        ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
    ],
)
def test_roman_numerals_in_headings_lists_and_codes(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken
