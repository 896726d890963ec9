"""The plan's header: number and code, place and date, issuing body and level, title, parent.

Headers come as the two columns of an official document (one cell a line, side by side with
wide gaps or '|' table bars, or flattened into one line), or not at all (a news article that
quotes the plan): then what a running sentence states is taken (cited.py).
"""

import re
from typing import Any

from broadcast.plans.dates import first_date, safe_date
from broadcast.plans.header.cited import CODE, cited_plan, normal_code
from broadcast.plans.header.issuer import (
    header_cells,
    issuer_from_caps,
    issuer_from_sentence,
    level_of,
)
from broadcast.plans.text import ROMAN, Line
from broadcast.plans.types import DocumentInfo

NUMBER = re.compile(rf"^(?:Số|SỐ)\s*:?\s*(\d+)?\s*[/-]\s*(?P<code>{CODE})")
CODE_ONLY = re.compile(rf"^/\s*(?P<code>{CODE})$")
PLACE_DATE = re.compile(
    r"(?P<place>[^,]{2,60}?),\s*ngày\b\s*(\d{1,2})?\s*(?:tháng\s*(\d{1,2})?\s*(?:năm\s*(\d{4})?)?)?"
    r"(?=\s*$|\s+[A-ZĐ])"
)
IMPLEMENTS = re.compile(r"^(Thực hiện|Căn cứ)\s+(Kế hoạch|Chỉ thị|Nghị quyết|Công văn|Hướng dẫn)")
DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "HƯỚNG DẪN", "PHƯƠNG ÁN")
INLINE_TITLE = re.compile(rf"\bKẾ HOẠCH\s+(?P<title>.+?)(?=\s+{ROMAN}\.\s|\s+Căn cứ\s|$)")
HEADLINE = re.compile(r"^Kế hoạch\s+(?!số\b|\d)(?P<title>\w.{8,})$")
NOT_TITLE = re.compile(rf"^({ROMAN}\s*[.-]|(ỦY|UỶ|ĐẢNG|HUYỆN|TỈNH|BAN|SỐ|TRUNG TÂM)\b)")
BODY_START = re.compile(
    rf"^(Căn cứ|Thực hiện|Để|Nhằm|Theo|Kính gửi|Điều \d|{ROMAN}\s*[.-]|\d+\.|[A-D]\s*\.|[-–+•])"
)


def _number(cells: list[tuple[str, int]], found: dict[str, Any], where: dict[str, int]) -> None:
    for text, number in cells:
        match = NUMBER.match(text) or CODE_ONLY.match(text)
        if match:
            found["number"] = match.group(1) if match.re is NUMBER else None
            found["code"] = normal_code(match.group("code"))
            where["number"] = where["code"] = number
            rest = text[match.end() :]
            if "date" not in found and rest.strip():
                _place_date([(rest.strip(), number)], found, where)
            if found["number"] is not None:
                return


def _place_date(cells: list[tuple[str, int]], found: dict[str, Any], where: dict[str, int]) -> None:
    for index, (_, number) in enumerate(cells):
        # a date cut by wide gaps ('ngày    tháng 01') is read with the rest of its line
        text = " ".join(cell for cell, at in cells[index : index + 4] if at == number)
        match = PLACE_DATE.match(text)
        place = match.group("place").strip() if match else ""
        if not match or not place[:1].isupper() or len(place.split()) > 6 or "Số" in place:
            continue
        d, m, y = match.group(2), match.group(3), match.group(4)
        found["place"], where["place"] = place, number
        if d and m and y:
            found["date"] = safe_date(int(y), int(m), int(d))
            where["date"] = number
        return


def _title_after(lines: list[Line], index: int) -> tuple[str | None, int]:
    parts: list[str] = []
    start = 0
    for nxt in lines[index + 1 :]:
        if not nxt.text and parts:
            break
        if nxt.text and (BODY_START.match(nxt.text) or len(parts) == 4):
            break
        if nxt.text:
            start = start or nxt.number
            parts.append(nxt.text)
    return (" ".join(parts) or None), start


def _title(
    lines: list[Line], cells: list[tuple[str, int]], official: bool
) -> tuple[str | None, int]:
    """The lines after 'KẾ HOẠCH' (or another document type), or a title in capitals."""
    for index, line in enumerate(lines):
        if line.text.upper() in DOC_TYPES and line.text.isupper():
            return _title_after(lines, index)
    for text, number in cells:
        inline = INLINE_TITLE.search(text)
        if inline:
            return inline.group("title").strip(), number
    for text, number in cells[:12] if official else []:  # capitals after an official header
        if text.isupper() and len(text.split()) >= 5 and not NOT_TITLE.match(text):
            return text, number
    return None, 0


def parse_header(lines: list[Line]) -> DocumentInfo:
    """The header fields with their line numbers; missing ones stay None."""
    found: dict[str, Any] = {}
    where: dict[str, int] = {}
    conf: dict[str, float] = {}
    cells = header_cells(lines)
    _number(cells, found, where)
    if "date" not in found:
        _place_date(cells, found, where)
    for line in lines:
        if IMPLEMENTS.match(line.text):
            found["implements"], where["implements"] = line.text.rstrip("."), line.number
            break
    issuer = issuer_from_caps(cells)
    if issuer is None and (issuer := issuer_from_sentence(lines)) is not None:
        conf["issuer"] = 0.9
    if issuer is not None:
        found["issuer"], where["issuer"] = issuer
    title, title_line = _title(lines, cells, bool(found.get("code") or found.get("date")))
    if title:
        found["title"], where["title"] = title, title_line
    _cited(lines, found, where, conf)
    _headline(lines, found, where)
    for key in where:
        conf.setdefault(key, 1.0)
    return DocumentInfo(
        number=found.get("number"),
        code=found.get("code"),
        date=found.get("date"),
        place=found.get("place"),
        issuer=found.get("issuer"),
        title=found.get("title"),
        implements=found.get("implements"),
        level=level_of(found.get("issuer"), found.get("place")),
        lines=where,
        confidence=conf,
    )


def _cited(
    lines: list[Line], found: dict[str, Any], where: dict[str, int], conf: dict[str, float]
) -> None:
    """Fields a running sentence states, for those the header does not give."""
    if found.get("number") and found.get("date"):
        return
    reference = first_date("\n".join(line.text for line in lines))[0]
    cited = cited_plan(lines, reference.year if reference else None)
    if cited is None:
        return
    for key in ("number", "code", "date", "title"):
        value = getattr(cited, key)
        if value is not None and found.get(key) is None:
            found[key], where[key], conf[key] = value, cited.line, 0.8


def _headline(lines: list[Line], found: dict[str, Any], where: dict[str, int]) -> None:
    """A page whose headline is 'Kế hoạch tổ chức …': the rest is the title."""
    first = next((line for line in lines if line.text), None)
    match = HEADLINE.match(first.text) if first else None
    if first is not None and match and found.get("title") is None:
        title = match.group("title").strip()
        found["title"], where["title"] = title[0].upper() + title[1:], first.number
