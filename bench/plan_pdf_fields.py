"""Plan PDFs made by LibreOffice: how many draft fields match the text's, pypdf against PDFium.

Every plan fixture (tests/fixtures/plans/*.txt and the demo plan) becomes a .docx, then a PDF
by ``soffice --headless --convert-to pdf`` (Debian's LibreOffice, ``make libreoffice``), in
three layouts: "plain" (one paragraph a line, default style), "official" (14 pt, justified,
first lines indented, centred bold title) and "mono" (a font whose Vietnamese accents
LibreOffice draws as combining marks, DejaVu Sans Mono, where pypdf garbles words). Each PDF
is read by the former reader (pypdf's extract_text, pages joined) and by the current one
(broadcast.plans.extract_text: PDFium, page furniture dropped, paragraphs rebuilt); the plain
.docx by the .docx reader. A field is one leaf of the importer's draft JSON without line
numbers (header, events, phases with their dates and topics, occasions, sessions, notes,
open items, and the length of each list); it counts when the draft from the file has the
same value at the same place as the draft from the text (so one missing list item shifts
and fails every later item of that list).

Usage: .venv/bin/python bench/plan_pdf_fields.py   (needs the test extra for pypdf)
"""

import io
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from plan_documents import (  # noqa: E402
    COMBINING_FONT,
    PLANS,
    docx_bytes,
    draft,
    matching_fields,
    office_pdfs,
    official_docx_bytes,
)

from broadcast.plans import extract_text, parse_plan  # noqa: E402

LAYOUTS = {  # how the .docx is made from the text
    "plain": docx_bytes,  # one paragraph a line, default style
    "official": official_docx_bytes,  # 14 pt, justified, indented, centred bold title
    "mono": lambda text: docx_bytes(text, COMBINING_FONT),  # accents as combining marks
}
COLUMNS = ("docx", *(f"{layout} {reader}" for layout in LAYOUTS for reader in ("pypdf", "pdfium")))


def pypdf_text(data: bytes) -> str:
    """The text as the former reader gave it: pypdf page by page, joined, NFC."""
    from pypdf import PdfReader

    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return unicodedata.normalize("NFC", "\n".join(page.rstrip("\n") for page in pages))


def main() -> None:
    """Print matching fields per plan and in total, per layout and reader."""
    totals = dict.fromkeys(COLUMNS, 0)
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs: dict[tuple[Path, str], Path] = {}
        for path in PLANS:
            for layout, make in LAYOUTS.items():
                docs[path, layout] = folder / f"{path.stem}-{layout}.docx"
                docs[path, layout].write_bytes(make(path.read_text("utf-8")))
        pdfs = office_pdfs(list(docs.values()), folder)
        width = max(len(name) for name in COLUMNS)
        print(f"{'plan':30} {'fields':>6} " + " ".join(f"{name:>{width}}" for name in COLUMNS))
        for path in PLANS:
            expected = draft(parse_plan(path.read_text("utf-8")))
            reads = {"docx": extract_text(docs[path, "plain"].read_bytes(), "plan.docx")}
            for layout in LAYOUTS:
                pdf = pdfs[docs[path, layout]].read_bytes()
                reads[f"{layout} pypdf"] = pypdf_text(pdf)
                reads[f"{layout} pdfium"] = extract_text(pdf, "plan.pdf")
            row = []
            for name, text in reads.items():
                score, total = matching_fields(expected, draft(parse_plan(text)))
                totals[name] += score
                row.append(f"{score:>{width}}")
            count += total
            print(f"{path.stem:30} {total:>6} " + " ".join(row))
    share = " ".join(f"{totals[name] / count:>{width}.1%}" for name in COLUMNS)
    print(f"{'all':30} {count:>6} {share}")


if __name__ == "__main__":
    main()
