"""A PDF's lines turned back into the document's paragraphs: page furniture dropped, wrapped
lines joined, blank lines where the page shows an empty line."""

import re
from collections import Counter
from statistics import median

from broadcast.plans.pdf.lines import PdfLine
from broadcast.plans.text import Kind, Line, classify, ends_sentence

EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be header or footer
PAGE_NUMBER = re.compile(
    r"^(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:/|trên|of)\s*\d{1,3})?$", re.I
)
NEAR_EDGE = 1.5  # a line ending this many font sizes from the edge reaches it
MARGINS = 1.5  # a right margin at most this many left margins (plus slack) mirrors it
MARGIN_SLACK = 36.0  # points, half an inch
HYPHENATED = re.compile(r"\w-$")
SPACED = 1.15  # a pitch this much above the line pitch means paragraph spacing
WHOLE_LINE = 1.8  # a gap this many line pitches wide holds an empty line, not spacing
EMPTY_LINE = 0.8  # a paragraph pitch plus this many line pitches: an empty line between
UNSURE = 0.1  # a word that would fit by less than this many font sizes: look at the text


def _key(text: str) -> str:
    """A line with its numbers blanked: 'Trang 3' and 'Trang 4' are the same footer."""
    return re.sub(r"\d+", "#", text.casefold()).strip()


def _edges(page: list[PdfLine]) -> tuple[list[PdfLine], list[PdfLine]]:
    """The top-most and bottom-most lines of a page."""
    ordered = sorted(page, key=lambda line: -line.baseline)
    return ordered[:EDGE_LINES], ordered[-EDGE_LINES:]


def drop_furniture(pages: list[list[PdfLine]]) -> list[list[PdfLine]]:
    """The pages without lines repeated at the top or bottom of most pages, and without the
    page number left outermost at the top or bottom."""
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page in pages:
        top, bottom = _edges(page)
        tops.update({_key(line.text) for line in top})
        bottoms.update({_key(line.text) for line in bottom})
    most = max(2, (len(pages) + 1) // 2)
    out: list[list[PdfLine]] = []
    for page in pages:
        top, bottom = _edges(page)
        repeated = {
            id(line)
            for group, seen in ((top, tops), (bottom, bottoms))
            for line in group
            if len(pages) > 1 and seen[_key(line.text)] >= most
        }
        body = [line for line in page if id(line) not in repeated]
        ordered = sorted(body, key=lambda line: -line.baseline)
        numbers = {id(x) for x in ordered[:1] + ordered[-1:] if PAGE_NUMBER.match(x.text)}
        out.append([line for line in body if id(line) not in numbers])
    return out


def _ratio(upper: PdfLine, lower: PdfLine) -> float | None:
    """The distance between two baselines in font sizes, None unless lower is below upper."""
    if upper.page != lower.page or lower.baseline >= upper.baseline:
        return None
    return (upper.baseline - lower.baseline) / max(upper.size, lower.size)


def _pitches(lines: list[PdfLine]) -> tuple[float, float]:
    """The usual pitch inside a paragraph and between paragraphs, in font sizes."""
    ratios = [r for a, b in zip(lines, lines[1:], strict=False) if (r := _ratio(a, b))]
    counts = Counter(round(r, 1) for r in ratios)
    usual = sorted(r for r, n in counts.items() if n >= 2) or sorted(counts) or [1.2]
    line = usual[0]
    spaced = [r for r in usual if r > line * SPACED]
    if spaced and spaced[0] < WHOLE_LINE * line:  # paragraphs have space between them
        return line, spaced[0]
    return line, line


def _right_edges(pages: list[list[PdfLine]]) -> tuple[dict[int, float], bool]:
    """Where lines of each page wrap (the widest line, or the usual one on a sparse page), and
    whether that is a margin lines wrap at: two lines of a page reach it, or it mirrors the
    left margin."""
    widest = {page[0].page: max(line.right for line in page) for page in pages if page}
    if not widest:
        return {}, False
    usual = median(widest.values())
    edges = {number: max(right, usual) for number, right in widest.items()}
    reached = any(
        sum(1 for line in page if edges[line.page] - line.right < NEAR_EDGE * line.size) >= 2
        for page in pages
    )
    lines = [line for page in pages for line in page]
    margin = lines[0].page_width - usual
    mirrored = 0 <= margin <= MARGINS * min(line.left for line in lines) + MARGIN_SLACK
    return edges, reached or mirrored


def _room(upper: PdfLine, lower: PdfLine, edge: float) -> float:
    """Space left at the end of upper after lower's first word, in font sizes (< 0: no room)."""
    return (edge - upper.right - upper.space - lower.first_word) / upper.size


def _marker(text: str) -> bool:
    """True when the text starts with a heading number, a letter item or a bullet."""
    return classify(Line(0, text)).kind is not Kind.TEXT


def _continues(upper: PdfLine, lower: PdfLine, edge: float, wraps: bool, line_pitch: float) -> bool:
    """True when lower is the wrapped rest of upper's paragraph."""
    ratio = _ratio(upper, lower)
    if lower.page == upper.page and ratio is None:
        return False  # back up the page: another column or table cell
    if ratio is not None and ratio > line_pitch * SPACED:
        return False  # spaced apart: paragraphs, not wrapped lines
    if ends_sentence(upper.text) and _marker(lower.text):
        return False  # a finished item, then a heading or bullet
    room = _room(upper, lower, edge)
    if room >= UNSURE:
        return False  # the next word had room: the paragraph ended
    if room < 0 and wraps:
        return True  # the word did not fit at the margin: the line wrapped
    if not wraps:  # no margin to go by: a wrapped line goes on in lower case
        return not ends_sentence(upper.text) and lower.text[:1].islower()
    return not (ends_sentence(upper.text) and lower.text[:1].isupper())  # just fitted


def paragraphs(pages: list[list[PdfLine]]) -> list[str]:
    """The document's paragraphs in order, '' where an empty line stood."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    line_pitch, paragraph_pitch = _pitches(lines)
    edges, wraps = _right_edges(pages)
    out = [lines[0].text]
    for upper, lower in zip(lines, lines[1:], strict=False):
        if _continues(upper, lower, edges[upper.page], wraps, line_pitch):
            glue = "" if HYPHENATED.search(out[-1]) else " "  # 1975-|30/4 wrapped at its dash
            out[-1] = f"{out[-1].rstrip()}{glue}{lower.text}"
            continue
        ratio = _ratio(upper, lower)
        if ratio is not None and ratio > paragraph_pitch + EMPTY_LINE * line_pitch:
            out.append("")
        out.append(lower.text)
    return out
