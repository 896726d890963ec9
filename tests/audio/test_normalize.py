"""Normaliser: the worked examples file and the number, date, time and Roman numeral rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from audio.text import normalize_for_speech, read_cardinal

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "normalization-examples.tsv"


def _examples() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_examples_file() -> None:
    rows = _examples()
    assert len(rows) >= 80
    failures = [
        f"{row['id']}: {row['input']!r}\n  expected {row['expected']!r}\n  got      {got!r}"
        for row in rows
        if (got := normalize_for_speech(row["input"])) != row["expected"]
    ]
    rate = 1 - len(failures) / len(rows)
    assert rate >= 0.98, f"{rate:.1%} exact match; failures:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (0, "không"),
        (4, "bốn"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1975, "một nghìn chín trăm bảy mươi lăm"),
        (2019, "hai nghìn không trăm mười chín"),
        (10_001, "mười nghìn không trăm linh một"),
        (1_000_000, "một triệu"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_001_000, "một triệu không trăm linh một nghìn"),
        (2_000_000_000, "hai tỷ"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_cardinals(number: int, spoken: str) -> None:
    assert read_cardinal(number) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("0 người", "không người"),
        ("1.000.000 đồng", "một triệu đồng"),
        ("1.000.005 đồng", "một triệu không trăm linh năm đồng"),
        ("2.000.000.000 đồng", "hai tỷ đồng"),
        ("12.345 hộ", "mười hai nghìn ba trăm bốn mươi lăm hộ"),
        ("007 hộ", "bảy hộ"),
        ("0,5 ha", "không phẩy năm héc ta"),
        ("3,05 km", "ba phẩy không năm ki lô mét"),
        ("1,5 triệu đồng", "một phẩy năm triệu đồng"),
        ("tăng 12,25%", "tăng mười hai phẩy hai mươi lăm phần trăm"),
        ("mục 2.3", "mục hai chấm ba"),
        ("trẻ em 0-5 tuổi", "trẻ em không đến năm tuổi"),
        ("từ 10 - 15 người", "từ mười đến mười lăm người"),
    ],
)
def test_numbers_in_text(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("ngày 10/4/2021", "ngày mùng mười tháng tư năm hai nghìn không trăm hai mươi mốt"),
        ("ngày 11/4/2021", "ngày mười một tháng tư năm hai nghìn không trăm hai mươi mốt"),
        ("ngày 04/01/2024", "ngày mùng bốn tháng một năm hai nghìn không trăm hai mươi tư"),
        ("20-11-2023", "hai mươi tháng mười một năm hai nghìn không trăm hai mươi ba"),
        ("ngày 2.9.1945", "ngày mùng hai tháng chín năm một nghìn chín trăm bốn mươi lăm"),
        ("ngày 5 tháng 4", "ngày mùng năm tháng tư"),
        ("ngày mùng 5/6", "ngày mùng năm tháng sáu"),
        ("mỗi ngày 3 lần", "mỗi ngày ba lần"),
        ("trong 3 tháng 4 ngày", "trong ba tháng bốn ngày"),
        ("chào mừng 2/9", "chào mừng mùng hai tháng chín"),
    ],
)
def test_dates(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("từ 10-15/10", "từ mùng mười đến mười lăm tháng mười"),
        (
            "từ ngày 01 – 03/4/2021",
            "từ ngày mùng một đến mùng ba tháng tư năm hai nghìn không trăm hai mươi mốt",
        ),
        ("30/4 - 1/5", "ba mươi tháng tư đến mùng một tháng năm"),
        (
            "1/6/2021–30/6/2021",
            "mùng một tháng sáu năm hai nghìn không trăm hai mươi mốt đến "
            "ba mươi tháng sáu năm hai nghìn không trăm hai mươi mốt",
        ),
        ("2010 – 2015", "hai nghìn không trăm mười đến hai nghìn không trăm mười lăm"),
        (
            "năm học 2023/2024",
            "năm học hai nghìn không trăm hai mươi ba đến hai nghìn không trăm hai mươi tư",
        ),
    ],
)
def test_date_ranges(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("tháng 4/2022", "tháng tư năm hai nghìn không trăm hai mươi hai"),
        ("(11/2021)", "tháng mười một năm hai nghìn không trăm hai mươi mốt"),
        ("tháng 3-5/2020", "tháng ba đến tháng năm năm hai nghìn không trăm hai mươi"),
        ("Quý IV/2020", "quý bốn năm hai nghìn không trăm hai mươi"),
        ("quý 2/2021", "quý hai năm hai nghìn không trăm hai mươi mốt"),
        ("Quý III", "quý ba"),
    ],
)
def test_months_and_quarters(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("lúc 16h", "lúc mười sáu giờ"),
        ("7h05", "bảy giờ năm phút"),
        ("06h30", "sáu giờ ba mươi phút"),
        ("19:45", "mười chín giờ bốn mươi lăm phút"),
        ("từ 7h30 đến 11h", "từ bảy giờ ba mươi phút đến mười một giờ"),
        ("7h-11h", "bảy giờ đến mười một giờ"),
        ("8h00 – 17h00", "tám giờ đến mười bảy giờ"),
        ("rộng 5ha", "rộng năm héc ta"),
    ],
)
def test_times(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("kỳ họp thứ IV", "kỳ họp thứ tư"),
        ("kỳ họp thứ I", "kỳ họp thứ nhất"),
        ("Đại hội lần thứ XIV", "đại hội lần thứ mười bốn"),
        ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
        ("khóa I", "khóa một"),
        ("Phần V", "phần năm"),
        ("Nghị quyết Trung ương 4 (khóa XII)", "nghị quyết trung ương bốn khóa mười hai"),
        ("III. TỔ CHỨC THỰC HIỆN", "ba tổ chức thực hiện"),
        ("Nguyễn Văn X", "nguyễn văn ích xì"),
        ("Trần Thị V", "trần thị vê"),
        ("Lê Văn B", "lê văn bê"),
        ("điểm b khoản 2", "điểm bê khoản hai"),
    ],
)
def test_roman_numerals_and_letters(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("lần thứ 4", "lần thứ tư"),
        ("lần thứ 1", "lần thứ nhất"),
        ("lần thứ 3", "lần thứ ba"),
        ("tuần thứ 24", "tuần thứ hai mươi tư"),
        ("sáng Thứ 7", "sáng thứ bảy"),
        ("Thứ 2 và Thứ 5", "thứ hai và thứ năm"),
        ("Thứ Sáu", "thứ sáu"),
    ],
)
def test_arabic_ordinals_and_weekdays(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("1.2. Đối tượng", "một chấm hai đối tượng"),
        ("2. Nội dung", "hai nội dung"),
        ("b) Thời gian", "bê thời gian"),
        ("I.2. Đối tượng", "một chấm hai đối tượng"),
        ("đầu dòng\n3. Kinh phí", "đầu dòng ba kinh phí"),
    ],
)
def test_section_markers(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken
