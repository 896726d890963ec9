"""Commemorations and holidays whose day the text gives."""

import re
from datetime import date

from broadcast.plans.dates import safe_date
from broadcast.plans.text import Line, strip_item
from broadcast.plans.types import Occasion

SPAN = re.compile(
    r"\(\s*(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–]\s*(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})\s*\)"
)
SINGLE = re.compile(r"\(\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})\s*\)")
NAMED = re.compile(r"kỷ niệm|[Nn]gày|Tết|[Ll]ễ|Quốc khánh|năm", re.I)
CUT = re.compile(r".*(?:[;:(]|\bnhư\b|,\s|\.\s|\)\s*(?:và|,)?)\s*", re.S)


def _name(before: str) -> str:
    """The occasion's name: the clause just before its date, from 'kỷ niệm' if present."""
    tail = CUT.sub("", before)
    if "kỷ niệm" in tail:
        tail = tail[tail.index("kỷ niệm") :]
    tail = re.sub(r"^[-–+•]\s*", "", tail.strip())
    tail = re.sub(r"^(và|cùng|các|chào mừng|mừng)\s+", "", tail, flags=re.I)
    return strip_item(tail)


def _candidates(text: str) -> list[tuple[int, date | None]]:
    found: list[tuple[int, date | None]] = []
    for match in SPAN.finditer(text):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
        if y2 > y1 and (d1, m1) == (d2, m2):
            found.append((match.start(), safe_date(y2, m2, d2)))
    for match in SINGLE.finditer(text):
        d, m, y = (int(g) for g in match.groups())
        found.append((match.start(), safe_date(y, m, d)))
    return sorted(found, key=lambda pair: pair[0])


def find_occasions(lines: list[Line], skip_lines: set[int]) -> list[Occasion]:
    """Dated occasions, one per '(dd/mm/yyyy-dd/mm/yyyy)' or '(ngày dd/mm/yyyy)' mention."""
    out: list[Occasion] = []
    seen: set[tuple[str, date]] = set()
    for line in lines:
        if line.number in skip_lines:
            continue
        for start, day in _candidates(line.text):
            name = _name(line.text[:start])
            if day is None or not name or not NAMED.search(name) or (name, day) in seen:
                continue
            seen.add((name, day))
            out.append(Occasion(name[0].upper() + name[1:], day, line.number))
    return out
