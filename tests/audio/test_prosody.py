"""Prosody planning: sentences, clauses, headings and paragraphs of a written script."""

from __future__ import annotations

import pytest

from audio.text import normalize_with_pauses
from audio.tts.prosody import (
    Boundary,
    Chunk,
    engine_text,
    is_heading,
    limit_phrases,
    plan_chunks,
    split_script,
    split_sentences,
    spoken_chunks,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Giá tăng 1.005 đồng. Mời bà con theo dõi.",
            ["Giá tăng 1.005 đồng.", "Mời bà con theo dõi."],
        ),
        (
            "Kỷ niệm ngày 03/02/1930-03/02/2020. Xin cảm ơn.",
            ["Kỷ niệm ngày 03/02/1930-03/02/2020.", "Xin cảm ơn."],
        ),
        ("1.1. Nội dung tuyên truyền.", ["1.1. Nội dung tuyên truyền."]),
        ("TM. ỦY BAN NHÂN DÂN", ["TM. ỦY BAN NHÂN DÂN"]),
        ("KT. CHỦ TỊCH", ["KT. CHỦ TỊCH"]),
        (
            "2. Thời gian: tháng 10. Địa điểm: nhà văn hóa.",
            ["2. Thời gian: tháng 10.", "Địa điểm: nhà văn hóa."],
        ),
        ("Điều 5. Quy định chung.", ["Điều 5. Quy định chung."]),
        ("Tổng số là 2020. Tiếp theo!", ["Tổng số là 2020.", "Tiếp theo!"]),
        ("Ông Nguyễn V. An phát biểu. Hết.", ["Ông Nguyễn V. An phát biểu.", "Hết."]),
        ("Có cháy không? Gọi 114 ngay! Cảm ơn…", ["Có cháy không?", "Gọi 114 ngay!", "Cảm ơn…"]),
        ('Ông nói: "Đồng ý." Sau đó ra về.', ['Ông nói: "Đồng ý."', "Sau đó ra về."]),
        ("TP. Hồ Chí Minh và Q. 1 tham gia.", ["TP. Hồ Chí Minh và Q. 1 tham gia."]),
    ],
)
def test_sentence_split_keeps_dots_of_numbers_dates_and_abbreviations(
    line: str, expected: list[str]
) -> None:
    assert split_sentences(line) == expected


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("THÔNG BÁO", True),
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        ("2. Nội dung tuyên truyền", True),
        ("Về việc tổ chức tiêm chủng", True),
        ("Mời bà con đến dự họp đúng giờ.", False),
        (
            "Đề nghị các hộ gia đình đưa trẻ đến tiêm đúng lịch và mang theo sổ tiêm "
            "chủng của trẻ cùng giấy tờ tùy thân của người đưa trẻ đi tiêm",
            False,
        ),
        ("123", False),
    ],
)
def test_heading_detection(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_script_boundaries_for_headings_lines_and_paragraphs() -> None:
    script = (
        "THÔNG BÁO\r\nVề lịch tiêm chủng\n\n"
        "Thời gian từ 7h30. Địa điểm tại trạm y tế.\nĐề nghị bà con đến đúng giờ.\n\n\n"
        "Xin cảm ơn."
    )
    assert [(s.text, s.boundary) for s in split_script(script)] == [
        ("THÔNG BÁO", Boundary.HEADING),
        ("Về lịch tiêm chủng", Boundary.PARAGRAPH),
        ("Thời gian từ 7h30.", Boundary.SENTENCE),
        ("Địa điểm tại trạm y tế.", Boundary.SENTENCE),
        ("Đề nghị bà con đến đúng giờ.", Boundary.PARAGRAPH),
        ("Xin cảm ơn.", Boundary.NONE),
    ]


def test_empty_script_has_no_sentences() -> None:
    assert split_script(" \n\n \t") == []
    assert plan_chunks("  \n", normalize_with_pauses) == []


def test_spoken_chunks_cut_at_commas_and_full_stops() -> None:
    chunks = spoken_chunks("mời bà con, cô bác. đến dự họp", Boundary.HEADING)
    assert chunks == [
        Chunk("mời bà con", Boundary.CLAUSE),
        Chunk("cô bác", Boundary.SENTENCE),
        Chunk("đến dự họp", Boundary.HEADING),
    ]
    assert [engine_text(c) for c in chunks] == ["mời bà con,", "cô bác.", "đến dự họp."]


def test_plan_normalises_each_written_sentence() -> None:
    script = (
        "UBND phường thông báo. Giá điện tăng 1.005 đồng từ ngày 03/02/2020, đề nghị tiết kiệm."
    )
    assert plan_chunks(script, normalize_with_pauses) == [
        Chunk("ủy ban nhân dân phường thông báo", Boundary.SENTENCE),
        Chunk(
            "giá điện tăng một nghìn không trăm linh năm đồng từ ngày mùng ba tháng hai "
            "năm hai nghìn không trăm hai mươi",
            Boundary.CLAUSE,
        ),
        Chunk("đề nghị tiết kiệm", Boundary.NONE),
    ]


def test_plan_calls_the_given_normaliser_once_per_written_sentence() -> None:
    seen: list[str] = []

    def spy(sentence: str) -> str:
        seen.append(sentence)
        return "một câu"

    chunks = plan_chunks("Câu 1.1. thứ nhất. Câu thứ hai.\n\nCâu ba", spy)
    assert seen == ["Câu 1.1. thứ nhất.", "Câu thứ hai.", "Câu ba"]
    assert [c.boundary for c in chunks] == [Boundary.SENTENCE, Boundary.PARAGRAPH, Boundary.NONE]


def test_long_clauses_are_cut_into_phrases_with_a_clause_pause() -> None:
    chunks = spoken_chunks("một hai ba bốn năm sáu bảy, tám chín", Boundary.HEADING)
    assert limit_phrases(chunks, 0) == chunks
    assert limit_phrases(chunks, 3) == [
        Chunk("một hai ba", Boundary.CLAUSE),
        Chunk("bốn năm", Boundary.CLAUSE),
        Chunk("sáu bảy", Boundary.CLAUSE),
        Chunk("tám chín", Boundary.HEADING),
    ]
