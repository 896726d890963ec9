"""A plan quoted in running text, as news articles and portals report it.

"UBND xã ban hành Kế hoạch số 90/KH-UBND ngày 27/11/2024 về việc …" gives the number, code,
date and title; "Ngày 10/11/2015, Huyện ủy đã triển khai kế hoạch …" the date. A plan only
cited as a basis ("Thực hiện / Căn cứ Kế hoạch số …") is never taken for the document itself.
"""

import re
from dataclasses import dataclass
from datetime import date

from broadcast.plans.dates import safe_date
from broadcast.plans.text import Line

CODE = r"[A-ZĐ][A-ZĐ0-9&.]*(?:\s*[-–/]\s*[A-ZĐ][A-ZĐ0-9&.]*|\s+[A-ZĐ]{2,}[A-ZĐ0-9&.]*\b)*"
DMY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
VERB = r"(?:ban hành|triển khai|xây dựng)"
QUOTED = re.compile(
    rf"{VERB}\s+[Kk]ế hoạch\s+(?:số\s*:?\s*)?(?P<number>\d+)\s*[/-]\s*(?P<code>{CODE})"
    r"(?:\s*[,(]?\s*ngày\s+(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*\)?)?"
    r"\s*(?:về việc|về|[Vv]/[Vv])?\s*(?P<title>[^.]*)"
)
DATED = re.compile(rf"(?:^|[.;]\s+)Ngày\s+{DMY}\s*,[^.;]*?\b{VERB}\s+[Kk]ế hoạch")


@dataclass(frozen=True)
class Cited:
    """What a running sentence says about the plan itself."""

    number: str | None
    code: str | None
    date: date | None
    title: str | None
    line: int


def normal_code(code: str) -> str:
    """'KH – UBND', 'KH UBND' and 'KH- UBND' as KH-UBND; 'KH / ĐU' as KH/ĐU."""
    code = re.sub(r"\s*/\s*", "/", code.strip())
    code = re.sub(r"\s*[-–]\s*", "-", code)
    return re.sub(r"\s+", "-", code).upper()


def _day(groups: tuple[str | None, ...], year: int | None = None) -> date | None:
    """A day from (day, month, year) groups; a missing year from the text's own dates."""
    d, m, y = groups
    if d is None or m is None or (y is None and year is None):
        return None
    return safe_date(int(y) if y else year or 0, int(m), int(d))


def _title(text: str) -> str | None:
    text = text.strip(" ,:;/")
    if len(text) < 8:
        return None
    return text[0].upper() + text[1:]


def cited_plan(lines: list[Line], year: int | None = None) -> Cited | None:
    """The first sentence that reports this plan's issue, with what it states ('ngày 16/8'
    without a year takes the given year: the article's own)."""
    for line in lines:
        match = QUOTED.search(line.text)
        if match:
            dated = DATED.search(line.text)
            day = _day(match.groups()[2:5], year) or (_day(dated.groups()) if dated else None)
            return Cited(
                match.group("number"),
                normal_code(match.group("code")),
                day,
                _title(match.group("title")),
                line.number,
            )
        dated = DATED.search(line.text)
        if dated:
            return Cited(None, None, _day(dated.groups()), None, line.number)
    return None
