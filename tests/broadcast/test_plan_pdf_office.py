"""Every plan fixture as a .docx and as a PDF made by Debian's LibreOffice gives the draft of its
text; running headers, footers and page numbers of a real office PDF are dropped."""

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from plan_documents import (
    COMBINING_FONT,
    PLANS,
    docx_bytes,
    draft,
    matching_fields,
    office_pdfs,
    official_docx_bytes,
)

from broadcast.plans import extract_text, parse_plan

RUNNING_HEADER = "UBND phường Quang Trung - Kế hoạch số 192/KH-UBND"
RUNNING_FOOTER = "Đài truyền thanh xã An Bình"


@dataclass(frozen=True)
class OfficeCopy:
    """A plan's text and the .docx and PDF an office suite made of it."""

    text: str
    docx: Path
    pdf: Path


def _page_field(paragraph: Paragraph, before: str = "", after: str = "") -> None:
    """Text around a PAGE field, as Word's 'Insert page number' makes it."""
    paragraph.add_run(before)
    run = paragraph.add_run()
    for kind, instruction in (("begin", ""), ("", " PAGE "), ("separate", ""), ("end", "")):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = instruction
        run._r.append(element)
        if kind == "separate":
            run._r.append(OxmlElement("w:t"))
    paragraph.add_run(after)


def _with_furniture(text: str, header: str | None, footer: tuple[str, str] | None) -> Document:
    """The plan with a running header text or a '- N -' page number at the top (none on the
    first page, as Vietnamese administrative documents number them), and a footer."""
    document = Document()
    section = document.sections[0]
    if header is None:
        section.different_first_page_header_footer = True
        top = section.header.paragraphs[0]
        top.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(top, "- ", " -")
    else:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer[0]
        _page_field(section.footer.add_paragraph(), footer[1])
    for line in text.split("\n"):
        document.add_paragraph(line)
    return document


def _with_bullet_style(text: str) -> Document:
    """The plan with its '- ' items as Word's bulleted list (LibreOffice draws a symbol)."""
    document = Document()
    for line in text.split("\n"):
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    return document


def _with_header_table(text: str) -> Document:
    """The plan with its header block in a two-column table, as official documents have it."""
    lines = text.split("\n")
    document = Document()
    left, right = document.add_table(rows=1, cols=2).row_cells(0)
    left.text, right.text = lines[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    left.add_paragraph(lines[1])
    left.add_paragraph(lines[2])
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph(lines[4])
    for line in lines[5:]:
        document.add_paragraph(line)
    return document


@pytest.fixture(scope="session")
def office_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, OfficeCopy]:
    """Every plan fixture as .docx and LibreOffice PDF: one paragraph a line in the default
    style, laid out as an official document, with Word's bullet style for '- ' items, and in
    a font with combining accents; the demo plan also with page numbers and with a running
    header and footer, the Tết plan with its header block in a table. One LibreOffice run
    converts them all."""
    folder = tmp_path_factory.mktemp("office-plans")
    texts = {path.stem: path.read_text("utf-8") for path in PLANS}
    docs: dict[str, Path] = {}
    for name, text in list(texts.items()):  # also laid out officially, in a font whose
        docs[name] = folder / f"{name}.docx"  # accents are combining marks, with bullet style
        docs[name].write_bytes(docx_bytes(text))
        docs[f"{name}-official"] = folder / f"{name}-official.docx"
        docs[f"{name}-official"].write_bytes(official_docx_bytes(text))
        docs[f"{name}-mono"] = folder / f"{name}-mono.docx"
        docs[f"{name}-mono"].write_bytes(docx_bytes(text, COMBINING_FONT))
        docs[f"{name}-bullets"] = folder / f"{name}-bullets.docx"
        _with_bullet_style(text).save(docs[f"{name}-bullets"])
        texts[f"{name}-official"] = texts[f"{name}-mono"] = texts[f"{name}-bullets"] = text
    seed = PLANS[0]  # the demo plan: eleven pages
    numbered = _with_furniture(texts[seed.stem], None, None)
    docs["numbered"] = folder / "numbered.docx"
    numbered.save(docs["numbered"])
    texts["numbered"] = texts[seed.stem]
    running = _with_furniture(texts[seed.stem], RUNNING_HEADER, (RUNNING_FOOTER, "Trang "))
    docs["running"] = folder / "running.docx"
    running.save(docs["running"])
    texts["running"] = texts[seed.stem]
    tet = next(path for path in PLANS if path.stem == "ke-hoach-tet-2021")
    assert texts[tet.stem].split("\n")[3:5] == ["", "Phường Hòa Khánh, ngày 08 tháng 01 năm 2021"]
    docs["table"] = folder / "table.docx"
    _with_header_table(texts[tet.stem]).save(docs["table"])
    texts["table"] = texts[tet.stem]
    pdfs = office_pdfs(list(docs.values()), folder)
    return {name: OfficeCopy(texts[name], docs[name], pdfs[docs[name]]) for name in docs}


@pytest.mark.parametrize(
    "plan",
    [
        *(path.stem for path in PLANS),
        *(f"{path.stem}-official" for path in PLANS),
        *(f"{path.stem}-bullets" for path in PLANS),
        "table",
    ],
)
def test_office_docx_and_pdf_give_the_draft_of_the_text(
    office_copies: dict[str, OfficeCopy], plan: str
) -> None:
    copy = office_copies[plan]
    expected = draft(parse_plan(copy.text))
    assert expected["phases"] and expected["document"]["number"]
    from_docx = draft(parse_plan(extract_text(copy.docx.read_bytes(), copy.docx.name)))
    from_pdf = draft(parse_plan(extract_text(copy.pdf.read_bytes(), copy.pdf.name)))
    assert from_docx == expected
    assert from_pdf == expected, matching_fields(expected, from_pdf)


@pytest.mark.parametrize("plan", [path.stem for path in PLANS])
def test_office_pdf_with_combining_accents_gives_the_draft_of_the_text(
    office_copies: dict[str, OfficeCopy], plan: str
) -> None:
    """The same in a font whose accents LibreOffice draws as combining marks (pypdf misreads
    them); the PDF then lacks a rare space after such a letter, so spaces are left out."""
    copy = office_copies[f"{plan}-mono"]
    from_pdf = parse_plan(extract_text(copy.pdf.read_bytes(), copy.pdf.name))
    assert draft(from_pdf, spaces=False) == draft(parse_plan(copy.text), spaces=False)


def _page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[n].get_textpage().get_text_range() for n in range(len(document))]
    finally:
        document.close()


def test_page_numbers_running_headers_and_footers_are_dropped(
    office_copies: dict[str, OfficeCopy],
) -> None:
    numbered, running = office_copies["numbered"], office_copies["running"]
    pages = _page_texts(numbered.pdf)
    assert len(pages) > 3 and "- 2 -" in pages[1] and "- 3 -" in pages[2]  # the PDF has them
    pages = _page_texts(running.pdf)
    assert all(RUNNING_HEADER in page and RUNNING_FOOTER in page for page in pages)
    assert "Trang 2" in pages[1]
    expected = draft(parse_plan(numbered.text))
    for copy in (numbered, running):
        text = extract_text(copy.pdf.read_bytes(), copy.pdf.name)
        lines = text.splitlines()
        assert not [line for line in lines if line.strip("- ").isdigit()]
        assert not [line for line in lines if line.startswith("Trang ")]
        assert RUNNING_HEADER not in text and RUNNING_FOOTER not in text
        assert draft(parse_plan(text)) == expected


def test_office_pdf_reads_vietnamese_and_joins_wrapped_lines(
    office_copies: dict[str, OfficeCopy],
) -> None:
    mono = office_copies["ke-hoach-bau-cu-2016-mono"]  # pypdf reads "Số: 15/KH-ỦBND" here
    assert "Số: 15/KH-UBND" in extract_text(mono.pdf.read_bytes(), mono.pdf.name).splitlines()
    copy = office_copies["ke-hoach-bau-cu-2016"]
    title = next(line for line in copy.text.splitlines() if line.startswith("Tuyên truyền cuộc"))
    pages = _page_texts(copy.pdf)
    assert title not in pages[0].replace("\r\n", "\n")  # LibreOffice wrapped the long title
    text = extract_text(copy.pdf.read_bytes(), copy.pdf.name)
    assert title in text.splitlines()
    assert "Số: 15/KH-UBND" in text.splitlines()
    assert "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XIV" in text
    document = Document(str(copy.docx))
    assert len(document.paragraphs) == len(copy.text.split("\n"))
