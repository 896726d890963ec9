"""The rules that turn a PDF's lines back into paragraphs, on lines laid out here."""

from broadcast.plans.pdf.lines import PdfLine
from broadcast.plans.pdf.paragraphs import drop_furniture, paragraphs

SIZE = 10.0
CHAR = 5.0  # every glyph 5 pt wide, a space too
LEFT, EDGE = 72.0, 523.0  # A4 with one-inch margins


def line(page: int, row: float, text: str, left: float = LEFT) -> PdfLine:
    """A line of the text at the given row (12 pt apart) from the top of an A4 page."""
    return PdfLine(
        page=page,
        page_width=595.0,
        text=text,
        left=left,
        right=left + CHAR * len(text),
        baseline=800.0 - 12.0 * row,
        size=SIZE,
        first_word=CHAR * len(text.split()[0]),
        space=CHAR,
    )


def full(text: str, tail: str = "") -> str:
    """The text padded with words up to the right margin, as a wrapped line ends."""
    room = int((EDGE - LEFT) / CHAR)
    while len(text) + 3 + len(tail) <= room:
        text += " xa"
    return text + tail


def test_page_numbers_and_repeated_headers_go_body_numbers_stay() -> None:
    words = ["Một", "Hai", "Ba", "Bốn"]
    pages = [
        [
            line(n, 0, "UBND XÃ AN BÌNH - Kế hoạch 15/KH-UBND"),
            line(n, 3, f"Phần {words[n].lower()}:"),
            line(n, 4, "2"),  # a number inside the page is text
            line(n, 5, f"{words[n]}."),
            line(n, 60, number),
        ]
        for n, number in enumerate(["1", "- 2 -", "Trang 3", "Trang 4/4"])
    ]
    pages[0].insert(1, line(0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))  # once only: kept
    pages[3].insert(1, line(3, 1, "- 5 -"))  # under the running header: a page number
    kept = [[x.text for x in page] for page in drop_furniture(pages)]
    assert kept[0] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Phần một:", "2", "Một."]
    assert kept[1:] == [[f"Phần {w.lower()}:", "2", f"{w}."] for w in words[1:]]


def test_a_line_joins_the_next_only_when_the_next_word_had_no_room() -> None:
    first = full("- Tuyên truyền sâu rộng")
    lines = [
        line(0, 0, first),
        line(0, 1, "bầu cử; ngày bầu cử là Chủ nhật, ngày 22/5/2016."),  # wrapped
        line(0, 2, "- Các văn bản pháp luật:"),  # short line above: a new item
        line(0, 3, full("+ Luật Bầu cử năm 2015", " (1975-")),
        line(0, 4, "2015);"),  # wrapped at a dash: no space
        line(0, 7, "II. NỘI DUNG"),  # two empty lines' gap above
    ]
    assert paragraphs([lines]) == [
        f"{first} bầu cử; ngày bầu cử là Chủ nhật, ngày 22/5/2016.",
        "- Các văn bản pháp luật:",
        full("+ Luật Bầu cử năm 2015", " (1975-") + "2015);",
        "",
        "II. NỘI DUNG",
    ]


def test_a_finished_item_before_a_bullet_or_heading_ends_even_at_the_margin() -> None:
    ending = full("- Treo băng rôn tại nhà văn hóa") + "."
    lines = [line(0, 0, ending), line(0, 1, "- Phát tin"), line(0, 2, full("Lời kêu gọi"))]
    lines.append(line(0, 3, "Đảng và Nhà nước"))  # capitalised, but wrapped
    assert paragraphs([lines]) == [ending, "- Phát tin", full("Lời kêu gọi") + " Đảng và Nhà nước"]


def test_a_cell_beside_another_or_a_new_page_follows_the_geometry() -> None:
    right = 320.0
    lines = [
        line(0, 0, "ỦY BAN NHÂN DÂN"),
        line(0, 1, "XÃ AN BÌNH"),
        line(0, 0, "CỘNG HÒA XÃ HỘI", left=right),  # back up the page: the next cell
        line(0, 1, "Độc lập - Tự do", left=right),
        line(0, 2, full("Tuyên truyền sâu rộng")),
    ]
    last_page = [line(1, 0, "nhân dân các cấp."), line(1, 1, "III. TỔ CHỨC")]
    assert paragraphs([lines, last_page]) == [
        "ỦY BAN NHÂN DÂN",
        "XÃ AN BÌNH",
        "CỘNG HÒA XÃ HỘI",
        "Độc lập - Tự do",
        full("Tuyên truyền sâu rộng") + " nhân dân các cấp.",
        "III. TỔ CHỨC",
    ]
