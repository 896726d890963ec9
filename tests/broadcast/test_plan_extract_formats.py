"""A plan as .docx and as a text PDF (both made here) parses like the plain text; broken,
locked and oversized documents are refused naming the file."""

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from plan_documents import PLANS, docx_bytes, draft

from broadcast.errors import InvalidInput
from broadcast.plans import extract_text, parse_plan


def text_pdf(text: str, lines_per_page: int = 60) -> bytes:
    """A PDF whose text layer is the given lines (Type0 font, Identity-H, ToUnicode CMap)."""
    lines = text.split("\n")
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    chars = sorted({ord(c) for c in text if c != "\n"} | {32})
    bf = "".join(
        f"{len(chunk)} beginbfchar\n"
        + "".join(f"<{c:04X}> <{c:04X}>\n" for c in chunk)
        + "endbfchar\n"
        for chunk in (chars[i : i + 100] for i in range(0, len(chars), 100))
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{bf}endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    cid = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 "
        b"/FontBBox [0 -250 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -250 "
        b"/CapHeight 700 /StemV 80 >> /DW 500 /CIDToGIDMap /Identity >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid, tounicode)
    )
    kids = []
    for page_lines in pages:
        ops = []
        for row, line in enumerate(page_lines):
            hexed = "".join(f"{ord(c):04X}" for c in (line or " "))
            ops.append(f"BT /F1 9 Tf 20 {820 - row * 13} Td <{hexed}> Tj ET")
        stream = "\n".join(ops).encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_docx_and_pdf_parse_like_the_text(path: Path) -> None:
    text = path.read_text("utf-8")
    expected = parse_plan(text)
    assert expected.phases
    from_docx = parse_plan(extract_text(docx_bytes(text), "plan.docx"))
    from_pdf = parse_plan(extract_text(text_pdf(text, lines_per_page=50), "plan.pdf"))
    assert from_docx == expected  # line for line, so line numbers agree too
    assert draft(from_pdf) == draft(expected)  # a PDF shows no empty lines at a page's top


def test_docx_header_table_and_bullet_style_are_read() -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    table.cell(0, 0).add_paragraph("PHƯỜNG HÒA KHÁNH")
    table.cell(0, 1).text = "Phường Hòa Khánh, ngày 08 tháng 01 năm 2021"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tuyên truyền mừng Xuân Tân Sửu 2021")
    document.add_paragraph("")
    document.add_paragraph("1. Nội dung (từ ngày 15/01/2021 đến ngày 28/02/2021)")
    document.add_paragraph("Chúc Tết nhân dân.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse_plan(extract_text(buffer.getvalue(), "tet.docx"))
    assert plan.document.issuer == "Ủy ban nhân dân phường Hòa Khánh"
    assert plan.document.date is not None and plan.document.date.isoformat() == "2021-01-08"
    assert [t.text for t in plan.phases[0].topics] == ["Chúc Tết nhân dân"]


def test_scanned_pdf_without_text_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        extract_text(text_pdf(""), "scan.pdf")
    assert caught.value.field == "file"
    assert "không có lớp chữ" in caught.value.message


def test_documents_beyond_the_caps_are_refused_before_they_are_read() -> None:
    from broadcast.plans.extract import MAX_CHARS, MAX_PAGES, MAX_XML_BYTES

    many_pages = text_pdf("\n".join(f"Dòng {n}" for n in range(MAX_PAGES + 1)), lines_per_page=1)
    with pytest.raises(InvalidInput, match=f"{MAX_PAGES + 1} trang"):
        extract_text(many_pages, "dai.pdf")
    assert extract_text(text_pdf("Kế hoạch\nPhát thanh", lines_per_page=1), "ngan.pdf")
    package = io.BytesIO(docx_bytes("Kế hoạch"))
    bloated = io.BytesIO()

    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(bloated, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b" " * (MAX_XML_BYTES + 1) + b"</w:body>")
            out.writestr(item, body)
    assert len(bloated.getvalue()) < 1024 * 1024  # small on disk, huge once inflated
    with pytest.raises(InvalidInput, match="giải nén"):
        extract_text(bloated.getvalue(), "phong.docx")
    with pytest.raises(InvalidInput, match="quá dài"):
        extract_text(("Kế hoạch phát thanh. " * (MAX_CHARS // 20 + 1)).encode(), "dai.txt")


def _locked(pdf: bytes, user_password: str) -> bytes:
    """The PDF encrypted (RC4, no extra library needed); '' opens without a password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password="chu-so-huu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_with_a_password_is_refused_and_one_only_restricted_is_read() -> None:
    plain = text_pdf("Kế hoạch\nTuyên truyền bầu cử", lines_per_page=2)
    with pytest.raises(InvalidInput) as caught:
        extract_text(_locked(plain, "mat-khau"), "khoa.pdf")
    assert caught.value.field == "file"
    assert "mật khẩu" in caught.value.message
    restricted = _locked(plain, "")
    assert b"/Encrypt" in restricted
    assert extract_text(restricted, "han-che.pdf").splitlines() == [
        "Kế hoạch",
        "Tuyên truyền bầu cử",
    ]


def test_a_pdf_with_more_characters_than_the_cap_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from broadcast.plans import extract

    pdf = text_pdf("\n".join(f"Dòng thứ {n} của kế hoạch" for n in range(40)), lines_per_page=20)
    assert len(extract_text(pdf, "ke-hoach.pdf")) > 400
    monkeypatch.setattr(extract, "MAX_CHARS", 400)
    with pytest.raises(InvalidInput, match="quá dài") as caught:
        extract_text(pdf, "ke-hoach.pdf")
    assert caught.value.field == "file"


def test_pdfs_read_at_once_on_worker_threads_give_the_same_text() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pdf = text_pdf(PLANS[1].read_text("utf-8"), lines_per_page=20)
    alone = extract_text(pdf, "plan.pdf")
    with ThreadPoolExecutor(max_workers=4) as pool:  # requests run on a pool like this one
        texts = list(pool.map(lambda _: extract_text(pdf, "plan.pdf"), range(8)))
    assert texts == [alone] * 8
    assert "Số:" in alone
