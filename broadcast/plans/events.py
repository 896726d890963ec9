"""Events the plan is built around (from its title) and their dates (from anywhere)."""

import re
from dataclasses import replace
from datetime import date

from broadcast.plans.dates import FULL, WORDS, parse_range, safe_date
from broadcast.plans.dates import lunar as lunar_dates
from broadcast.plans.text import ROMAN, Line, roman_to_int
from broadcast.plans.types import EventInfo
from playlists.lunar_text import find_lunar

ORDINAL = re.compile(rf"(?:lần thứ|khóa|khoá)\s+({ROMAN}|\d{{1,3}})\b")
TERM = re.compile(r"nhiệm kỳ\s+(\d{4})\s*[-–]\s*(\d{4})")
EVENT_WORDS = re.compile(r"Đại hội|bầu cử|Tết Nguyên đán", re.I)
LEVELS = (
    ("national", re.compile(r"toàn quốc|Quốc hội|ĐBQH|của Đảng$|Đảng Cộng sản Việt Nam$", re.I)),
    ("city", re.compile(r"thành phố|tỉnh|Thủ đô", re.I)),
    ("district", re.compile(r"quận|huyện|thị xã", re.I)),
    ("ward", re.compile(r"phường|\bxã\b|thị trấn", re.I)),
)
DATE_VERBS = re.compile(
    r"diễn ra|tổ chức vào|được tổ chức|tổ chức trong|tổ chức từ|long trọng tổ chức|khai mạc|"
    r"tiến hành|[Nn]gày bầu cử|nghỉ Tết",
    re.I,
)
# "ngày 14 và 15/7/2025", "2 ngày: 5-6/8/2025", "từ ngày 10-12/9" (year from the document)
TWO_DAYS = re.compile(
    r"(?:ngày\s*:?\s*(\d{1,2})\s*(?:và|,|-|–)|(?<![\d/])(\d{1,2})\s*[-–])"
    r"\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?!\s*/?\s*\d)"
)
# "31/7 và 1/8/2025": two days across a month end
ACROSS = re.compile(
    r"(\d{1,2})\s*/\s*(\d{1,2})\s*(?:và|-|–|đến)\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
)
COPULA = re.compile(r"\blà\s+(?:(?:thứ\s+\w+|[Cc]hủ nhật)\s*,?\s*)?ngày\s+(\d)")
NAME_END = re.compile(r"\s+(?:sẽ|được|đã|diễn ra|tổ chức|với|thể hiện)\b.*$|\s*\(.*$")
ANNIVERSARY = re.compile(r"\(\s*\d{1,2}/\d{1,2}/\d{4}\s*[-–]\s*\d{1,2}/\d{1,2}/\d{4}\s*\)")


def ordinal_value(text: str) -> int | None:
    """A Roman or Arabic ordinal as a number."""
    value = int(text) if text.isdigit() else roman_to_int(text)
    return value if value is not None and 1 <= value <= 1000 else None


def _level(name: str) -> str:
    for level, pattern in LEVELS:
        if pattern.search(name):
            return level
    return "national" if "Đảng" in name else "other"


def _name(clause: str) -> str:
    clause = NAME_END.sub("", clause.strip()).rstrip(" .:")
    clause = re.sub(r"^(phục vụ|chào mừng|tuyên truyền|mừng)\s+", "", clause, flags=re.I)
    if re.match(r"Đảng bộ", clause):
        clause = f"Đại hội {clause}"
    if re.match(r"(cuộc\s+)?bầu cử", clause, re.I):
        rest = re.sub(r"^(cuộc\s+)?bầu cử\s*", "", clause, flags=re.I)
        clause = f"Cuộc bầu cử {rest}".strip()
    return clause[0].upper() + clause[1:]


def events_from_title(title: str, line: int) -> list[EventInfo]:
    """One event per clause of the title that names a congress, an election or Tết."""
    events: list[EventInfo] = []
    for clause in re.split(r"[,;]\s*", title):
        term = TERM.search(clause)
        if term and events and not EVENT_WORDS.search(clause):
            events[-1] = replace(events[-1], term=f"{term.group(1)}-{term.group(2)}")
            continue
        word = EVENT_WORDS.search(clause)  # 'Quốc hội khóa XIV … bầu cử … khóa XV': the XV
        ordinal = (ORDINAL.search(clause, word.start()) if word else None) or ORDINAL.search(clause)
        if not (ordinal or re.search(r"Tết Nguyên đán|bầu cử", clause, re.I)):
            continue
        start = re.search(r"Đại hội|Đảng bộ|[Cc]uộc bầu cử|bầu cử|Tết", clause)
        name = _name(clause[start.start() :] if start else clause)
        events.append(
            EventInfo(
                name=name,
                level=_level(name) if ordinal else "other",
                ordinal=ordinal_value(ordinal.group(1)) if ordinal else None,
                term=f"{term.group(1)}-{term.group(2)}" if term else None,
                date_start=None,
                date_end=None,
                line=line,
                date_line=None,
                confidence=1.0 if ordinal else 0.8,
            )
        )
    return events


def mentions(text: str, event: EventInfo, only_one: bool) -> int:
    """Position of the last mention of the event in the text, or -1."""
    best = -1
    if event.ordinal is not None:
        for match in ORDINAL.finditer(text):
            if ordinal_value(match.group(1)) == event.ordinal:
                best = max(best, match.start())
        for match in re.finditer(rf"Đại hội\s+({ROMAN})\b", text):
            if roman_to_int(match.group(1)) == event.ordinal:
                best = max(best, match.start())
    if best < 0 and only_one:
        found = list(EVENT_WORDS.finditer(text))
        best = found[-1].start() if found else -1
    return best


def _two_days(text: str, plan_date: date | None) -> tuple[date, date] | None:
    """Two days written together, the year from the text or else from the document."""
    across = ACROSS.search(text)
    if across and across.start() < 80:
        d1, m1, d2, m2, y = (int(g) for g in across.groups())
        first, last = safe_date(y, m1, d1), safe_date(y, m2, d2)
        if first is not None and last is not None and first <= last:
            return first, last
    pair = TWO_DAYS.search(text)
    if pair is None or pair.start() >= 80:
        return None
    d1, d2, m = int(pair.group(1) or pair.group(2)), int(pair.group(3)), int(pair.group(4))
    year = int(pair.group(5)) if pair.group(5) else plan_date.year if plan_date else None
    if year is None:
        return None
    first, last = safe_date(year, m, d1), safe_date(year, m, d2)
    if first is not None and last is not None and first <= last:
        return first, last
    return None


def events_in_text(lines: list[Line]) -> list[EventInfo]:
    """For a text without a title (a news article): the events its first sentences name,
    the first sentence naming a numbered congress or term preferred over a bare mention."""
    first: list[EventInfo] = []
    for line in [ln for ln in lines if ln.text][:12]:
        if line.text.isupper():
            continue  # a headline in capitals: its words run together
        for sentence in re.split(r"(?<=[.;])\s+", line.text):
            found = events_from_title(sentence, line.number)
            if any(event.ordinal is not None for event in found):
                return found
            first = first or found[:1]
    return first


def _dates_in(sentence: str, plan_date: date | None) -> tuple[date, date] | None:
    verb = DATE_VERBS.search(sentence)
    if verb is None:
        return None
    rest = ANNIVERSARY.sub("", sentence[verb.start() :])
    found = _two_days(rest, plan_date)
    if found is not None:
        return found
    window = parse_range(rest, plan_date)
    if window.start and window.end and window.start.day and window.end.day:
        if window.end.day < window.start.day:
            return None
        return window.start.day, window.end.day
    stated = COPULA.search(rest)  # '… ngày bầu cử … là Chủ nhật, ngày 23/5/2021'
    for pattern in (WORDS, FULL):
        match = pattern.search(rest)
        if match and (match.start() < 80 or (stated and match.start() == stated.start(1))):
            d, m, y = (int(g) for g in match.groups())
            try:
                day = date(y, m, d)
            except ValueError:
                return None
            return day, day
    return _lunar_day(rest, plan_date)


def _lunar_day(text: str, plan_date: date | None) -> tuple[date, date] | None:
    """One lunar day near the verb ('khai hội vào mùng 10 tháng Giêng'), on the solar calendar."""
    mention = find_lunar(text)
    if mention is None or mention.start >= 80:
        return None
    day = lunar_dates.place(mention, lunar_dates.issue_anchor(plan_date)).day
    return None if day is None else (day, day)


def date_events(
    events: list[EventInfo], lines: list[Line], plan_date: date | None
) -> list[EventInfo]:
    """Events with the dates the text gives for them anywhere (first statement wins)."""
    out = list(events)
    for line in lines:
        for sentence in re.split(r"(?<=[.;])\s+", line.text):
            for index, event in enumerate(out):
                if event.date_start is not None or mentions(sentence, event, len(out) == 1) < 0:
                    continue
                found = _dates_in(sentence, plan_date)
                if found is not None:
                    out[index] = replace(
                        event, date_start=found[0], date_end=found[1], date_line=line.number
                    )
    return out
