"""Normaliser: document codes, abbreviations, units, phones, orthography, explain() and pauses."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from audio.text import (
    BUILTIN_LEXICON,
    Context,
    Entry,
    Normalizer,
    Span,
    explain,
    normalize_for_speech,
    normalize_with_pauses,
)

PLAN = Path(__file__).resolve().parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        (
            "Thông tư số 12/2019/TT-BTTTT",
            "thông tư số mười hai năm hai nghìn không trăm mười chín thông tư "
            "bộ thông tin và truyền thông",
        ),
        (
            "Quyết định số 15/2020/QĐ-TTg",
            "quyết định số mười lăm năm hai nghìn không trăm hai mươi quyết định "
            "thủ tướng chính phủ",
        ),
        ("Công văn 123/UBND-VP", "công văn một trăm hai mươi ba ủy ban nhân dân văn phòng"),
        ("Thông báo số 012/TB-UBND", "thông báo số không mười hai thông báo ủy ban nhân dân"),
        ("Kế hoạch 07-KH/ĐU", "kế hoạch không bảy kế hoạch đảng ủy"),
        ("Số: 45 / KH-UBND", "số bốn mươi lăm kế hoạch ủy ban nhân dân"),
        (
            "Luật số 36/2018/QH14",
            "luật số ba mươi sáu năm hai nghìn không trăm mười tám quốc hội mười bốn",
        ),
    ],
)
def test_document_codes(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("TT HĐND phường", "thường trực hội đồng nhân dân phường"),
        ("TT Thành ủy", "thường trực thành ủy"),
        ("TT Y tế quận", "trung tâm y tế quận"),
        (
            "TT số 09/2021/TT-BNV",
            "thông tư số không chín năm hai nghìn không trăm hai mươi mốt thông tư bộ nội vụ",
        ),
        ("Sở TT&TT", "sở thông tin và truyền thông"),
        ("Phòng VH-TT", "phòng văn hóa thông tin"),
        ("Văn phòng HĐND&UBND", "văn phòng hội đồng nhân dân và ủy ban nhân dân"),
        ("UBMTTQ & các đoàn thể", "ủy ban mặt trận tổ quốc và các đoàn thể"),
        ("TM. BAN THƯỜNG VỤ", "thay mặt ban thường vụ"),
        ("Nơi nhận: Đ/c Chủ tịch (để b/c)", "nơi nhận đồng chí chủ tịch để báo cáo"),
        ("BCH Đoàn TNCS", "ban chấp hành đoàn thanh niên cộng sản"),
        ("phòng chống Covid-19", "phòng chống cô vít mười chín"),
        ("TP. Hà Nội", "thành phố hà nội"),
    ],
)
def test_abbreviations_with_context(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("diện tích 120 m2", "diện tích một trăm hai mươi mét vuông"),
        ("đổ 3 m³ bê tông", "đổ ba mét khối bê tông"),
        ("cao 2 m", "cao hai mét"),
        ("nặng 50kg", "nặng năm mươi ki lô gam"),
        ("ha ha", "ha ha"),
        ("3-5%", "ba đến năm phần trăm"),
        ("500.000đ", "năm trăm nghìn đồng"),
        ("30.000 đồng/hộ/tháng", "ba mươi nghìn đồng một hộ một tháng"),
        ("25.000đ/kg", "hai mươi lăm nghìn đồng một ki lô gam"),
        ("và/hoặc", "và hoặc"),
        ("nhiệt độ 38°C", "nhiệt độ ba mươi tám độ xê"),
    ],
)
def test_units_percent_money_and_rates(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("0912 345 678", "không chín một hai ba bốn năm sáu bảy tám"),
        ("0987654321", "không chín tám bảy sáu năm bốn ba hai một"),
        ("024.3825.1234", "không hai bốn ba tám hai năm một hai ba bốn"),
        ("gọi 114", "gọi một một bốn"),
        ("gọi ngay số 115", "gọi ngay số một một năm"),
        ("tổng đài 1022", "tổng đài một không hai hai"),
        ("ĐT: 113", "điện thoại một một ba"),
        ("+84 912 345 678", "cộng tám tư chín một hai ba bốn năm sáu bảy tám"),
        ("có 113 hộ", "có một trăm mười ba hộ"),
    ],
)
def test_phone_numbers(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà bình", "hòa bình"),
        ("Uỷ ban", "ủy ban"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("HOÀ", "hòa"),
        ("quý", "quý"),
        ("hoàng", "hoàng"),
    ],
)
def test_tone_marks_are_canonical(old: str, new: str) -> None:
    assert normalize_for_speech(old) == new


def test_nfd_input_reads_like_nfc() -> None:
    text = "Hội nghị lần thứ IV, ngày 03/02/2020: UBND phường hoà giải 1.005 hộ."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert normalize_for_speech(nfd) == normalize_for_speech(text)


def test_unknown_all_caps_are_spelt_with_letter_names_and_reported() -> None:
    result = explain("Tổ trưởng TDP gửi XYZQ cho UBND; NỘI DUNG chính")
    assert result.unknown == ("XYZQ",)
    assert "nội dung" in result.spoken
    assert Span("TDP", "tổ dân phố", "lexicon") in result.spans
    assert Span("UBND", "ủy ban nhân dân", "lexicon") in result.spans
    assert Span("XYZQ", "ích xì y dét quy", "unknown") in result.spans


def test_ambiguous_abbreviation_without_context_is_spelt_and_reported() -> None:
    result = explain("Ban TT phường")
    assert result.spoken == "ban tê tê phường"
    assert result.unknown == ("TT",)


def test_unknown_code_parts_are_spelt_and_reported() -> None:
    result = explain("Công văn 12/XYZ-UBND")
    assert result.unknown == ("XYZ",)
    assert result.spoken == "công văn mười hai ích xì y dét ủy ban nhân dân"


def test_explain_reports_each_span_origin() -> None:
    result = explain("Ngày 05/10 UBND họp 2 lần")
    assert result.spans == (
        Span("Ngày", "ngày", "text"),
        Span("05/10", "mùng năm tháng mười", "rule"),
        Span("UBND", "ủy ban nhân dân", "lexicon"),
        Span("họp", "họp", "text"),
        Span("2", "hai", "rule"),
        Span("lần", "lần", "text"),
    )
    assert result.spoken == " ".join(span.spoken for span in result.spans)
    assert result.unknown == ()


def test_pauses_keep_clause_and_sentence_boundaries() -> None:
    text = "Hà Nội, ngày 24/12/2019.\nI. MỤC ĐÍCH\n- Tuyên truyền (đợt 1); kinh tế - xã hội"
    assert normalize_with_pauses(text) == (
        "hà nội, ngày hai mươi tư tháng mười hai năm hai nghìn không trăm mười chín. "
        "một, mục đích. tuyên truyền, đợt một, kinh tế, xã hội"
    )


def test_speech_is_one_line_of_lowercase_syllables() -> None:
    spoken = normalize_for_speech("Dòng một.\n\nDòng 2: UBND, 15%!")
    assert spoken == "dòng một dòng hai ủy ban nhân dân mười lăm phần trăm"


def test_plan_reads_without_digits_or_punctuation() -> None:
    text = PLAN.read_text(encoding="utf-8")
    spoken = normalize_for_speech(text)
    assert re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", spoken)
    assert spoken == spoken.lower()
    assert explain(text).unknown == ()


def test_operator_entries_beat_builtin_and_use_context() -> None:
    lexicon = BUILTIN_LEXICON.with_entries(
        [
            Entry("TDP", "tổ dân"),
            Entry("UBND", "ủy ban"),
            Entry("QT", "quang trung", Context(before=("phường",))),
            Entry("Hà Đông", "hà đông quận"),
        ]
    )
    normalizer = Normalizer(lexicon)
    assert normalizer.speech("TDP 5 UBND") == "tổ dân năm ủy ban"
    assert normalizer.speech("phường QT") == "phường quang trung"
    assert normalizer.explain("xã QT").unknown == ("QT",)
    assert normalizer.speech("quận Hà Đông") == "quận hà đông quận"
    assert normalize_for_speech("TDP") == "tổ dân phố"
    assert normalize_for_speech("phường QT") == "phường quy tê"


def test_entries_must_be_spoken_as_lowercase_syllables() -> None:
    with pytest.raises(ValueError):
        Entry("UBND", "Ủy ban")
    with pytest.raises(ValueError):
        Entry("KH", "kế hoạch 2")
