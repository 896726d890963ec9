"""Hyphens and dashes by context, clock times, day lists, phones and lunar dates (generated)."""

from __future__ import annotations

import pytest

from audio.text import normalize_for_speech, normalize_with_pauses
from audio.text.dates import read_date, read_day, read_month, read_month_year, read_time
from audio.text.numbers import read_cardinal, read_digits

DAYS_MONTHS = [(d, m) for d in (1, 3, 9, 10, 11, 15, 21, 24, 30) for m in (1, 3, 4, 6, 11, 12)]


@pytest.mark.parametrize(("day", "month"), DAYS_MONTHS)
@pytest.mark.parametrize("cue", ["ngày", "Sáng", "chiều"])
def test_hyphenated_day_month_after_a_day_word_is_a_date(cue: str, day: int, month: int) -> None:
    spoken = normalize_for_speech(f"{cue} {day}-{month}")
    assert spoken == f"{cue.lower()} {read_date(day, month)}"


@pytest.mark.parametrize(("day", "month"), DAYS_MONTHS)
def test_second_date_of_a_from_to_pair_is_a_date(day: int, month: int) -> None:
    spoken = normalize_for_speech(f"từ ngày 2 đến {day}-{month}")
    assert spoken == f"từ ngày mùng hai đến {read_date(day, month, mung=True)}"


@pytest.mark.parametrize(("day", "month"), DAYS_MONTHS)
def test_hyphenated_full_date_is_one_date(day: int, month: int) -> None:
    spoken = normalize_for_speech(f"{day}-{month}-2025")
    assert spoken == read_date(day, month, 2025)


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("year", [1999, 2024, 2030])
def test_hyphenated_month_year_is_a_month(month: int, year: int) -> None:
    assert (
        normalize_for_speech(f"tháng {month}-{year}")
        == f"tháng {read_month_year(month, year, False)}"
    )


@pytest.mark.parametrize(("first", "last"), [(2, 3), (5, 10), (0, 5), (15, 20), (3, 17)])
@pytest.mark.parametrize("unit", ["ngày", "tuổi", "kg", "%"])
def test_hyphen_between_plain_numbers_is_a_range(first: int, last: int, unit: str) -> None:
    spoken = normalize_for_speech(f"khoảng {first}-{last} {unit}")
    assert spoken.startswith(f"khoảng {read_cardinal(first)} đến {read_cardinal(last)} ")


@pytest.mark.parametrize("dash", ["-", "–", " - ", " – "])
def test_dash_between_two_month_years_reads_den(dash: str) -> None:
    spoken = normalize_for_speech(f"từ tháng 3-2024{dash}tháng 5-2024")
    assert spoken == f"từ {read_month_year(3, 2024)} đến {read_month_year(5, 2024)}"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("ngày 1-2 lần", "ngày một đến hai lần"),
        ("mỗi ngày 2-3 lần", "mỗi ngày hai đến ba lần"),
        ("chiều nay 15-20 người", "chiều nay mười lăm đến hai mươi người"),
        ("ngày 31-13", "ngày ba mươi mốt đến mười ba"),
        ("Quý I-2024", "quý một năm hai nghìn không trăm hai mươi tư"),
    ],
)
def test_counts_after_a_day_word_stay_ranges(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize("dash", [" - ", " – ", "-"])
def test_dash_between_two_dates_reads_den(dash: str) -> None:
    spoken = normalize_for_speech(f"ngày 15/3/2024{dash}20/3/2024")
    assert spoken == f"ngày {read_date(15, 3, 2024)} đến {read_date(20, 3, 2024)}"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Thứ 2 - Thứ 6", "thứ hai đến thứ sáu"),
        ("thứ Hai – thứ Sáu", "thứ hai đến thứ sáu"),
        ("từ thứ Hai - Chủ nhật", "từ thứ hai đến chủ nhật"),
        ("Thứ 2-6 hằng tuần", "thứ hai đến thứ sáu hằng tuần"),
        ("từ 7h30 - 11h00", "từ bảy giờ ba mươi phút đến mười một giờ"),
        ("từ 8 giờ - 11 giờ 30", "từ tám giờ đến mười một giờ ba mươi"),
        ("5 kg - 10 kg", "năm ki lô gam đến mười ki lô gam"),
    ],
)
def test_dash_between_weekdays_times_and_quantities(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    "text", ["Hà Nội - Hải Phòng", "UBND phường - Tổ dân phố", "Tổ 5 - phường"]
)
def test_dash_between_names_is_a_pause_not_den(text: str) -> None:
    assert "đến" not in normalize_for_speech(text)


@pytest.mark.parametrize("hour", [0, 1, 7, 8, 12, 17, 23])
@pytest.mark.parametrize("minute", [0, 5, 15, 30, 45])
def test_clock_times_in_words(hour: int, minute: int) -> None:
    said = read_time(hour, minute)
    assert normalize_for_speech(f"{hour:02d}h{minute:02d}") == said
    assert normalize_for_speech(f"{hour} giờ {minute} phút") == said
    expected = f"{read_cardinal(hour)} giờ" + (f" {read_cardinal(minute)}" if minute else "")
    assert normalize_for_speech(f"{hour:02d} giờ {minute:02d}") == expected


@pytest.mark.parametrize("month", [3, 4, 12])
@pytest.mark.parametrize("days", [(7, 8), (1, 2, 3), (9, 10, 11), (5, 6, 7, 8)])
def test_days_sharing_a_month_take_mung(days: tuple[int, ...], month: int) -> None:
    written = ", ".join(map(str, days[:-1])) + f" và {days[-1]}"
    said = " ".join(read_day(d) for d in days[:-1]) + f" và {read_day(days[-1])}"
    assert (
        normalize_for_speech(f"ngày {written}/{month}") == f"ngày {said} tháng {read_month(month)}"
    )
    assert normalize_for_speech(f"ngày {written} tháng {month}") == (
        f"ngày {said} tháng {read_month(month)}"
    )


def test_numbers_listed_outside_dates_stay_cardinals() -> None:
    assert normalize_for_speech("có 7, 8 người") == "có bảy tám người"


PHONES = [
    "(0239) 3855 123",
    "0239.3855.123",
    "0239 3855 123",
    "0912 345 678",
    "0912.345.678",
    "0912345678",
    "1900 1234",
    "1800 1091",
]


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("cue", ["", "gọi ", "số điện thoại ", "ĐT: ", "đường dây nóng "])
def test_phone_layouts_read_digit_by_digit(cue: str, phone: str) -> None:
    spoken = normalize_for_speech(cue + phone)
    assert spoken.endswith(read_digits(phone))
    assert "mươi" not in spoken and "tháng" not in spoken and "trăm" not in spoken


def test_country_code_and_group_pauses() -> None:
    assert normalize_for_speech("+84 912 345 678") == "cộng tám tư " + read_digits("912345678")
    assert normalize_with_pauses("0912.345.678") == "không chín một hai, ba bốn năm, sáu bảy tám"


@pytest.mark.parametrize("number", ["111", "113", "114", "115", "1022", "116"])
@pytest.mark.parametrize("cue", ["gọi", "đường dây nóng", "số điện thoại", "ĐT", "tổng đài"])
def test_short_service_numbers_after_a_cue(cue: str, number: str) -> None:
    assert normalize_for_speech(f"{cue} {number}").endswith(read_digits(number))


def test_service_numbers_in_a_list() -> None:
    spoken = normalize_for_speech("gọi 113, 114 hoặc 115")
    assert spoken == "gọi một một ba một một bốn hoặc một một năm"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("mùng 4 Tết", "mùng bốn tết"),
        ("rằm tháng Giêng", "rằm tháng giêng"),
        ("ngày 15/8 âm lịch", "ngày mười lăm tháng tám âm lịch"),
        ("ngày 10/1 âm lịch", "ngày mùng mười tháng giêng âm lịch"),
        ("ngày 23/12 (âm lịch)", "ngày hai mươi ba tháng chạp âm lịch"),
        ("tháng 12 âm lịch", "tháng chạp âm lịch"),
        ("tháng Chạp", "tháng chạp"),
        ("ngày 23 tháng Chạp", "ngày hai mươi ba tháng chạp"),
        ("ngày 15/1/2025", "ngày mười lăm tháng một năm hai nghìn không trăm hai mươi lăm"),
        ("từ 1/1 đến 15/1 âm lịch", "từ mùng một tháng giêng đến mười lăm tháng giêng âm lịch"),
    ],
)
def test_lunar_dates(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken
