"""Plan fixtures as an office user would send them: .docx made here, PDF made by LibreOffice,
and the draft of a parse with its line numbers left out (so text and PDF can be compared)."""

import io
import subprocess
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from broadcast.plans import PlanParse, to_json

ROOT = Path(__file__).parents[1]
PLANS = [
    ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt",
    *sorted((ROOT / "tests" / "fixtures" / "plans").glob("*.txt")),
]
SOFFICE = "/usr/bin/soffice"
# LibreOffice draws the accents this font lacks as combining marks, which pypdf misreads
COMBINING_FONT = "DejaVu Sans Mono"
LINE_KEYS = {"line", "lines", "date_line"}  # where a value stands, not what it is


def docx_bytes(text: str, font: str | None = None) -> bytes:
    """A Word document with one paragraph per line of the text (empty lines kept empty)."""
    document = Document()
    if font is not None:
        document.styles["Normal"].font.name = font
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def official_docx_bytes(text: str) -> bytes:
    """The same laid out as official documents are: 14 pt, justified, first lines indented,
    6 pt after each paragraph, 'KẾ HOẠCH' and the title centred in bold."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.first_line_indent = Cm(1)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    previous = ""
    for line in text.split("\n"):
        paragraph = document.add_paragraph(line)
        if "KẾ HOẠCH" in (line, previous):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = Cm(0)
            for run in paragraph.runs:
                run.bold = True
        previous = line
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def office_pdfs(documents: list[Path], folder: Path) -> dict[Path, Path]:
    """Each document turned into a PDF by LibreOffice, all in one run; document → PDF."""
    profile = folder / "lo-profile"  # a profile of our own: another soffice may be running
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdfs = {doc: folder / f"{doc.stem}.pdf" for doc in documents}
    missing = [str(pdf) for pdf in pdfs.values() if not pdf.exists()]
    assert not missing, f"LibreOffice made no {missing}"
    return pdfs


def _without_lines(value: Any, spaces: bool) -> Any:
    if isinstance(value, dict):
        return {k: _without_lines(v, spaces) for k, v in value.items() if k not in LINE_KEYS}
    if isinstance(value, list):
        return [_without_lines(v, spaces) for v in value]
    if isinstance(value, str) and not spaces:
        return "".join(value.split())
    return value


def draft(plan: PlanParse, spaces: bool = True) -> dict[str, Any]:
    """The importer's JSON of a parse without line numbers: what becomes the draft campaign
    (spaces=False: its texts without spaces, for PDFs that lose a space here and there)."""
    result: dict[str, Any] = _without_lines(to_json(plan), spaces)
    return result


def stored_draft(parsed: dict[str, Any]) -> dict[str, Any]:
    """A stored parse (the JSON of an import record) without line numbers."""
    result: dict[str, Any] = _without_lines(parsed, True)
    return result


def fields(value: Any, path: str = "") -> dict[str, Any]:
    """The draft flattened to one entry per field, e.g. 'phases[2].topics[0].text'."""
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in fields(item, f"{path}.{key}").items()
        }
    if isinstance(value, list):
        out = {f"{path}#": len(value)}
        for index, item in enumerate(value):
            out.update(fields(item, f"{path}[{index}]"))
        return out
    return {path: value}


def matching_fields(expected: dict[str, Any], got: dict[str, Any]) -> tuple[int, int]:
    """How many of the expected draft's fields the other draft has with the same value."""
    want, have = fields(expected), fields(got)
    return sum(1 for key, value in want.items() if key in have and have[key] == value), len(want)
