"""The built-in abbreviation file: its shape and sources, the loader's checks, and readings by
context."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from audio.text import normalize_for_speech
from audio.text.abbreviations import (
    KINDS,
    Abbreviation,
    AbbreviationFileError,
    load_abbreviations,
    parse_abbreviations,
)
from audio.text.lexicon import CODE_CUE, NUMBER_CUE

DATA = Path(__file__).resolve().parents[2] / "audio" / "text" / "data" / "abbreviations.tsv"
HEADER = "written\tspoken\tkind\tbefore\tafter\tsource\n"
URL = "https://example.gov.vn/page"


def test_file_has_400_rows_each_with_a_kind_and_a_source_url() -> None:
    rows = load_abbreviations()
    assert len(rows) >= 400
    assert {row.kind for row in rows} == KINDS
    assert all(row.source.startswith(("https://", "http://")) for row in rows)
    assert all(len(row.source) > len("https://x.vn/") for row in rows)
    counts = Counter(row.kind for row in rows)
    for kind in ("residential", "government", "security", "organisation", "member"):
        assert counts[kind] >= 15, kind
    for kind in ("health", "education", "environment", "campaign", "document"):
        assert counts[kind] >= 15, kind


def test_file_is_nfc_and_is_the_packaged_one() -> None:
    text = DATA.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert len(parse_abbreviations(text)) == len(load_abbreviations())


def _example(written: str, before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, str]:
    """A text using a row in its own context, and the part of the speech that reads the row."""
    if CODE_CUE in before:
        return f"số 12/{written}-UBND", "số mười hai {} ủy ban nhân dân"
    left = "" if not before else ("12 " if before[0] == NUMBER_CUE else before[0] + " ")
    right = "" if not after else (" 12" if after[0] == NUMBER_CUE else " " + after[0])
    return left + written + right, normalize_for_speech(left) + " {} " + normalize_for_speech(right)


@pytest.mark.parametrize("row", load_abbreviations(), ids=lambda row: row.entry.written)
def test_every_row_is_read_as_written_in_its_context(row: Abbreviation) -> None:
    entry = row.entry
    context = entry.context
    text, template = _example(
        entry.written, context.before if context else (), context.after if context else ()
    )
    assert normalize_for_speech(text) == template.format(entry.spoken).strip()


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("BCHQS tỉnh", "bộ chỉ huy quân sự tỉnh"),
        ("BCHQS xã", "ban chỉ huy quân sự xã"),
        ("Quyết định số 5/QĐ-BTC", "quyết định số năm quyết định bộ tài chính"),
        ("BTC hội thi", "ban tổ chức hội thi"),
        ("Thỏa thuận 3/BTT-UBND", "thỏa thuận ba bản thỏa thuận ủy ban nhân dân"),
        ("BTT UBMT phường", "ban thường trực ủy ban mặt trận phường"),
        ("Sở GD&ĐT", "sở giáo dục và đào tạo"),
        ("ĐT 0912345678", "điện thoại không chín một hai ba bốn năm sáu bảy tám"),
        ("trường TH và THCS", "trường tiểu học và trung học cơ sở"),
        ("trường ĐH", "trường đại học"),
        ("Ban chấp hành TƯ", "ban chấp hành trung ương"),
        ("Hội nghị TƯ 4", "hội nghị trung ương bốn"),
        ("TT HĐND xã", "thường trực hội đồng nhân dân xã"),
        ("TT Y tế huyện", "trung tâm y tế huyện"),
        ("Đoàn TN xã", "đoàn thanh niên xã"),
        ("TDP số 3 và KDC Đông", "tổ dân phố số ba và khu dân cư đông"),
        ("lực lượng DQTV và PCCC", "lực lượng dân quân tự vệ và phòng cháy chữa cháy"),
        ("Hội LHPN, Hội CCB, ĐVTN", "hội liên hiệp phụ nữ hội cựu chiến binh đoàn viên thanh niên"),
        ("tham gia BHYT tại TYT", "tham gia bảo hiểm y tế tại trạm y tế"),
        ("xây dựng NTM, VSMT", "xây dựng nông thôn mới vệ sinh môi trường"),
    ],
)
def test_expansions_by_context(text: str, spoken: str) -> None:
    assert normalize_for_speech(text) == spoken


def test_a_syllable_that_is_also_an_abbreviation_keeps_its_word_reading() -> None:
    assert normalize_for_speech("DA VÀ ĐA DẠNG") == "da và đa dạng"
    assert normalize_for_speech("Dự án 7/DA-UBND") == "dự án bảy dự án ủy ban nhân dân"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("KH\tkế hoạch\tplanet\t\t\t" + URL, "unknown kind"),
        ("KH\tkế hoạch\tdocument\t\t\t", "source must be the URL"),
        ("KH\tkế hoạch\tdocument\t\t\twww.gov.vn", "source must be the URL"),
        ("KH\tke\u0302\u0301 hoạch\tdocument\t\t\t" + URL, "not NFC"),
        ("KH\tkế hoạch 2\tdocument\t\t\t" + URL, "lowercase syllables"),
        ("DA\tdự án\tdocument\t\t\t" + URL, "also a syllable"),
        (f"KH\tkế hoạch\tdocument\t\t\t{URL}\nKH\tkhoa học\tdocument\t\t\t{URL}", "context-free"),
        (
            f"TT\tthông tư\tdocument\t/\t\t{URL}\nTT\ttrung tâm\tgeneral\t/\t\t{URL}",
            "conflicting reading",
        ),
        (f"TT\tthông tư\tdocument\t/\t\t{URL}\nTT\tthông tư\tdocument\t/\t\t{URL}", "duplicate"),
    ],
)
def test_loader_refuses_unusable_rows(rows: str, message: str) -> None:
    with pytest.raises(AbbreviationFileError, match=message):
        parse_abbreviations(HEADER + rows + "\n")


def test_loader_refuses_a_wrong_header_and_names_the_line() -> None:
    with pytest.raises(AbbreviationFileError, match="header"):
        parse_abbreviations("written\tspoken\n")
    with pytest.raises(AbbreviationFileError, match="line 3"):
        parse_abbreviations(HEADER + f"KH\tkế hoạch\tdocument\t\t\t{URL}\nX\ty\tbad\t\t\t{URL}\n")


def test_loader_reads_contexts_with_alternatives_and_cues() -> None:
    (row,) = parse_abbreviations(HEADER + f"TT\tthông tư\tdocument\t/\tsố;#\t{URL}\n")
    assert row.entry.context is not None
    assert row.entry.context.before == ("/",)
    assert row.entry.context.after == ("số", "#")
    assert row.kind == "document" and row.source == URL
