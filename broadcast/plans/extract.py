"""Text out of an uploaded plan: plain text, Word (.docx) or a PDF with a text layer (PDFium)."""

import io
import unicodedata
import zipfile

from broadcast.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 300  # a plan is a few pages; longer PDFs are refused before their text is read
MAX_XML_BYTES = 20 * 1024 * 1024  # a .docx's document.xml, uncompressed
MAX_CHARS = 1_000_000  # text handed to the parser
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def _refuse(why: str) -> InvalidInput:
    return InvalidInput("file", why)


def _from_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
        if controls == 0:
            return text
    raise _refuse("tệp không phải văn bản UTF-8, .docx hay .pdf có chữ")


def _from_docx(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.getinfo("word/document.xml").file_size
    except (KeyError, zipfile.BadZipFile) as exc:
        raise _refuse("tệp .docx bị hỏng, không đọc được") from exc
    if xml > MAX_XML_BYTES:
        raise _refuse(f"tệp .docx quá lớn khi giải nén (tối đa {MAX_XML_BYTES // 2**20} MB)")
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise _refuse("tệp .docx bị hỏng, không đọc được") from exc
    lines: list[str] = []

    def paragraph_text(par: Paragraph) -> str:
        """The paragraph's text; Word's bullet-list paragraphs get their '- ' back."""
        style = par.style.name if par.style is not None else ""
        bullet = "- " if style.startswith("List Bullet") and par.text.strip() else ""
        return bullet + par.text

    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(paragraph_text(Paragraph(child, document)))
        elif child.tag.endswith("}tbl"):
            seen: set[int] = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        lines.extend(paragraph_text(p) for p in cell.paragraphs)
    return "\n".join(lines)


def _from_pdf(data: bytes) -> str:
    from broadcast.plans.pdf import pdf_text

    return pdf_text(data, MAX_PAGES, MAX_CHARS)


def extract_text(data: bytes, filename: str = "") -> str:
    """The plan's text (NFC), or InvalidInput('file', why) for anything else."""
    if not data.strip():
        raise _refuse("tệp rỗng")
    if len(data) > MAX_BYTES:
        raise _refuse(f"tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB)")
    if data.startswith(b"%PDF-"):
        text = _from_pdf(data)
    elif data.startswith(b"PK\x03\x04") and zipfile.is_zipfile(io.BytesIO(data)):
        text = _from_docx(data)
    elif data.startswith(IMAGE_MAGIC):
        raise _refuse("tệp là ảnh; cần văn bản .txt, .docx hoặc PDF có chữ")
    else:
        text = _from_text(data)
    if not text.strip():
        raise _refuse("tệp không có nội dung chữ")
    if len(text) > MAX_CHARS:
        raise _refuse(f"văn bản quá dài ({len(text):,} ký tự, tối đa {MAX_CHARS:,})")
    return unicodedata.normalize("NFC", text)
