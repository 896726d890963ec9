"""A PDF's text, or a refusal naming the file: broken, locked, too long or without text."""

import pypdfium2 as pdfium

from broadcast.errors import InvalidInput
from broadcast.plans.pdf.lines import PDFIUM, read_lines
from broadcast.plans.pdf.paragraphs import drop_furniture, paragraphs


def _refuse(why: str) -> InvalidInput:
    return InvalidInput("file", why)


def pdf_text(data: bytes, max_pages: int, max_chars: int) -> str:
    """The document's paragraphs, one a line ('' where an empty line stood)."""
    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
                raise _refuse("tệp PDF có mật khẩu; cần bản không khoá") from exc
            raise _refuse("tệp PDF bị hỏng, không đọc được") from exc
        try:
            if len(document) > max_pages:
                raise _refuse(f"tệp PDF có {len(document)} trang (tối đa {max_pages} trang)")
            pages = read_lines(document, max_chars)
        except OverflowError as exc:
            raise _refuse(f"văn bản quá dài (tối đa {max_chars:,} ký tự)") from exc
        except pdfium.PdfiumError as exc:
            raise _refuse("tệp PDF bị hỏng, không đọc được") from exc
        finally:
            document.close()
    text = "\n".join(paragraphs(drop_furniture(pages)))
    if not text.strip():
        raise _refuse("tệp PDF không có lớp chữ (bản quét); cần PDF có chữ hoặc tệp .docx")
    return text
