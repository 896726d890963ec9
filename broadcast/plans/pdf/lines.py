"""A PDF's text layer as lines with their geometry, read with PDFium (pypdfium2)."""

import ctypes
import re
import threading
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

LINE_BREAKS = "\r\n"
COLUMN_GAP = 3.0  # a gap wider than this many font sizes inside a line splits it (table cells)
SPACE = 0.3  # a space's width in font sizes when the line draws none
# bullets drawn from symbol fonts (private-use code points) or as shapes; the parser reads '-'
BULLET_GLYPHS = "\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8" + "●▪■◦○➢►‣⁃∙·"
BULLET = re.compile(f"^[{BULLET_GLYPHS}]\\s*")
PDFIUM = threading.Lock()  # PDFium is not thread-safe; requests run on worker threads


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page: its text, left/right edges, baseline and font size."""

    page: int
    page_width: float
    text: str
    left: float
    right: float
    baseline: float
    size: float
    first_word: float  # width of the first word, to tell whether it would have fit above
    space: float  # width of a space in this line's font


@dataclass
class _Glyph:
    char: str
    generated: bool  # a space PDFium inferred from a gap, not one the PDF draws
    left: float
    right: float
    baseline: float
    size: float


def _private(char: str) -> bool:
    """A private-use code point: symbol fonts put their bullets there."""
    return unicodedata.category(char) == "Co"


def _glyphs(textpage: pdfium.PdfTextPage) -> list[_Glyph | None]:
    """Every character of a page; None stands for a line break."""
    out: list[_Glyph | None] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()  # the loose box spans the glyph's advance, side bearings included
    for index in range(raw.FPDFText_CountChars(textpage)):
        char = chr(raw.FPDFText_GetUnicode(textpage, index))
        if char in LINE_BREAKS:
            out.append(None)
            continue
        if not char.isprintable() and not char.isspace() and not _private(char):
            continue  # controls, soft hyphens, unmapped glyphs
        raw.FPDFText_GetCharOrigin(textpage, index, x, y)
        raw.FPDFText_GetLooseCharBox(textpage, index, box)
        left, right = box.left, box.right
        size = raw.FPDFText_GetFontSize(textpage, index) or 10.0
        generated = raw.FPDFText_IsGenerated(textpage, index) == 1
        if generated:  # a space PDFium inferred has no box of its own
            left = right = x.value
        out.append(_Glyph(char, generated, left, right, y.value, size))
    return out


def _split(glyphs: list[_Glyph | None]) -> list[list[_Glyph]]:
    """Runs of glyphs on one baseline, cut at line breaks, jumps and column gaps."""
    runs: list[list[_Glyph]] = [[]]
    last: _Glyph | None = None  # the run's last glyph with ink
    for glyph in glyphs:
        if glyph is None:
            runs.append([])
            last = None
            continue
        if glyph.char.isspace():
            runs[-1].append(glyph)
            continue
        if last is not None:
            moved = abs(glyph.baseline - last.baseline) > 0.5 * max(glyph.size, last.size)
            gap = glyph.left - last.right
            if moved or gap < -glyph.size or gap > COLUMN_GAP * glyph.size:
                runs.append([])
        runs[-1].append(glyph)
        last = glyph
    return [run for run in runs if any(not g.char.isspace() for g in run)]


def _line(page: int, width: float, run: list[_Glyph]) -> PdfLine:
    inked = [g for g in run if not g.char.isspace()]
    sizes = sorted(g.size for g in inked)
    spaces = sorted(g.right - g.left for g in run if g.char == " " and not g.generated)
    space = spaces[len(spaces) // 2] if spaces else SPACE * sizes[len(sizes) // 2]
    words = "".join(g.char for g in run).split()
    first = inked[: len(words[0])]
    return PdfLine(
        page=page,
        page_width=width,
        text=BULLET.sub("- ", " ".join(words)),
        left=min(g.left for g in inked),
        right=max(g.right for g in inked),
        baseline=sorted(g.baseline for g in inked)[len(inked) // 2],
        size=sizes[len(sizes) // 2],
        first_word=max(g.right for g in first) - min(g.left for g in first),
        space=space,
    )


def _count_chars(document: pdfium.PdfDocument) -> int:
    total = 0
    for number in range(len(document)):
        page = document[number]
        textpage = page.get_textpage()
        total += textpage.count_chars()
        textpage.close()
        page.close()
    return total


def read_lines(document: pdfium.PdfDocument, max_chars: int) -> list[list[PdfLine]]:
    """Each page's lines in reading order (the order the PDF draws them); OverflowError, before
    any is read, when the pages hold more than max_chars characters."""
    if _count_chars(document) > max_chars:
        raise OverflowError(max_chars)
    pages: list[list[PdfLine]] = []
    for number in range(len(document)):
        page = document[number]
        width = page.get_width()
        textpage = page.get_textpage()
        try:
            runs = _split(_glyphs(textpage))
        finally:
            textpage.close()
            page.close()
        pages.append([_line(number, width, run) for run in runs])
    return pages
