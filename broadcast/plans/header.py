"""The plan's header: number and code, place and date, issuing body, title, parent plan."""

import re
from typing import Any

from broadcast.plans.dates import WORDS, safe_date
from broadcast.plans.text import Line
from broadcast.plans.types import DocumentInfo

NUMBER = re.compile(r"^Số\s*:?\s*(\d+)\s*/\s*([A-ZĐ0-9][A-ZĐ0-9&.\-]*)", re.I)
PLACE_DATE = re.compile(r"^(?P<place>[^,]{2,80}),\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
IMPLEMENTS = re.compile(r"^(Thực hiện|Căn cứ)\s+(Kế hoạch|Chỉ thị|Nghị quyết|Công văn|Hướng dẫn)")
ISSUER_SENTENCE = re.compile(
    r"^(?P<body>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Đảng ủy|Ban Thường vụ)\s+"
    r"(?:phường|xã|thị trấn|quận|huyện|thị xã)\s+[^,.:]+?)\s+"
    r"(?:xây dựng|ban hành|lập)\s+(?:kế hoạch|Kế hoạch)",
    re.I,
)
BODY_CAPS = re.compile(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|ĐẢNG ỦY|ĐẢNG BỘ)$")
UNIT_CAPS = re.compile(r"^(PHƯỜNG|XÃ|THỊ TRẤN|QUẬN|HUYỆN|THỊ XÃ)\s+(.+)$")
SKIP_CAPS = ("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "Độc lập")


def _expand(body: str) -> str:
    """The issuing body with its abbreviation spelt out."""
    return re.sub(r"^UBND\b", "Ủy ban nhân dân", body.replace("Uỷ", "Ủy"))


def _issuer_from_caps(lines: list[Line]) -> tuple[str, int] | None:
    texts = [(ln.text, ln.number) for ln in lines[:15] if ln.text]
    for (text, number), (nxt, _) in zip(texts, texts[1:], strict=False):
        unit = UNIT_CAPS.match(nxt)
        if BODY_CAPS.match(text) and unit:
            body = text.capitalize().replace("Uỷ", "Ủy")
            return f"{body} {unit.group(1).lower()} {unit.group(2).title()}", number
    return None


def _title(lines: list[Line]) -> tuple[str | None, int]:
    """The line(s) after 'KẾ HOẠCH' up to the first blank line."""
    for index, line in enumerate(lines):
        if line.text.upper() == "KẾ HOẠCH":
            parts: list[str] = []
            start = 0
            for nxt in lines[index + 1 :]:
                if not nxt.text and parts:
                    break
                if nxt.text:
                    start = start or nxt.number
                    parts.append(nxt.text)
            return (" ".join(parts) or None), start
    return None, 0


def parse_header(lines: list[Line]) -> DocumentInfo:
    """The header fields with their line numbers; missing ones stay None."""
    found: dict[str, Any] = {}
    where: dict[str, int] = {}
    conf: dict[str, float] = {}
    for line in lines:
        text = line.text
        if "number" not in found and (m := NUMBER.match(text)):
            found["number"], found["code"] = m.group(1), m.group(2).upper()
            where["number"] = where["code"] = line.number
        elif "date" not in found and (m := PLACE_DATE.match(text)):
            words = WORDS.search(text)
            assert words is not None  # PLACE_DATE matched the same words
            d, mo, y = (int(g) for g in words.groups())
            found["place"], found["date"] = m.group("place").strip(), safe_date(y, mo, d)
            where["place"] = where["date"] = line.number
        elif "implements" not in found and IMPLEMENTS.match(text):
            found["implements"], where["implements"] = text.rstrip("."), line.number
        elif "issuer" not in found and (m := ISSUER_SENTENCE.match(text)):
            found["issuer"], where["issuer"] = _expand(m.group("body").strip()), line.number
            conf["issuer"] = 0.9
    caps = _issuer_from_caps(lines)
    if caps is not None:
        found["issuer"], where["issuer"] = caps
        conf["issuer"] = 1.0
    title, title_line = _title(lines)
    if title:
        found["title"], where["title"] = title, title_line
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
        lines=where,
        confidence=conf,
    )
