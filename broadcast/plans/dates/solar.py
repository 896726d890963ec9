"""Dates and date windows as Vietnamese plans write them."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from broadcast.plans.dates import lunar as lunar_dates

FULL = re.compile(r"(\d{1,2})\s*[/.\-–]\s*(\d{1,2})\s*[/.\-–]\s*(\d{4})")
WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", re.I)
DAY_MONTH = re.compile(r"(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/?\s*\d)")
DAY_ONLY = re.compile(r"^(?:ngày\s+)?(\d{1,2})$", re.I)
VAGUE = re.compile(r"\b(cuối|đầu|giữa|trung tuần|hạ tuần|thượng tuần)\s+tháng", re.I)
ISSUED = re.compile(r"(khi|ngày)\s+ban hành\s+(kế hoạch|văn bản)|^(nay|bây giờ)$", re.I)
MONTH_ONLY = re.compile(r"^tháng\s+(\d{1,2})$", re.I)
YEAR = re.compile(r"^(?P<edge>đầu|cuối|hết)?\s*năm\s+(?P<year>\d{4})$", re.I)
RANGE = re.compile(
    r"\b[Tt]ừ\s+(?P<a>[^,;()]*?)\s+(?:đến|tới)\s+(?P<hết>hết\s+)?(?P<b>[^,;()]+)", re.I
)
FROM = re.compile(r"\b[Tt]ừ\s+(?P<a>[^,;()]+)")
UNTIL = re.compile(r"\b(?:đến|tới)\s+(?:hết\s+)?(?P<b>[^,;()]+)", re.I)


@dataclass(frozen=True)
class Bound:
    """One end of a window: a date, a pointer to an event, or a reason it is open."""

    day: date | None = None
    relative: str | None = None  # "event_start" / "event_end" when tied to the event
    # (with a day too for 'Tết Nguyên đán': lunar 1/1 when the event has no date)
    open_reason: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Window:
    start: Bound | None = None
    end: Bound | None = None


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers do not form one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def last_day(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def first_date(text: str) -> tuple[date | None, int]:
    """The first full date in the text and its position (-1 when none)."""
    found = [(m.start(), m) for m in (FULL.search(text), WORDS.search(text)) if m]
    if not found:
        return None, -1
    pos, match = min(found, key=lambda item: item[0])
    d, m, y = (int(g) for g in match.groups())
    return safe_date(y, m, d), pos


def _relative(expr: str, is_end: bool) -> str | None:
    """A bound tied to the event: before it starts, after it ends, its first or last day."""
    low = expr.lower()
    if not re.search(r"đại hội|tết|bầu cử|khai mạc|bế mạc", low):
        return None
    if "trước" in low:
        return "event_before"
    if "sau" in low:
        return "event_after"
    if "khai mạc" in low:
        return "event_start"
    if "bế mạc" in low:
        return "event_end"
    return "event_end" if is_end else "event_start"


def resolve(expr: str, is_end: bool, plan_date: date | None, other: str = "") -> Bound:
    """One side of a window: an exact day, a month's first/last day, or why it is open."""
    expr = expr.strip()
    if VAGUE.search(expr):
        return Bound(open_reason=f"'{expr}' không xác định ngày cụ thể", text=expr)
    if ISSUED.search(expr):
        if plan_date is None:
            return Bound(open_reason="không rõ ngày ban hành kế hoạch", text=expr)
        return Bound(day=plan_date, text=expr)
    day, pos = first_date(expr)
    lunar = _lunar(expr, is_end, plan_date, other)
    if lunar is not None and (day is None or lunar[1] <= pos):
        return lunar[0]  # '14/8/2022 âm lịch' is lunar, '20/1/2026 tức 23 tháng Chạp' solar
    if day is not None:
        return Bound(day=day, text=expr)
    month = MONTH.search(expr)
    if month:
        m, y = int(month.group(1)), int(month.group(2))
        if 1 <= m <= 12:
            return Bound(day=last_day(y, m) if is_end else date(y, m, 1), text=expr)
    year = YEAR.match(expr)
    edge = (year.group("edge") or "").lower() if year else ""
    if year and (edge in ("cuối", "hết") if is_end else edge in ("", "đầu")):
        y = int(year.group("year"))
        return Bound(day=date(y, 12, 31) if is_end else date(y, 1, 1), text=expr)
    relative = _relative(expr, is_end)
    if relative:
        return Bound(relative=relative, text=expr)
    return _partial(expr, other, is_end, plan_date)


def _other_day(other: str, plan_date: date | None) -> date | None:
    """The other end of a window as a day, when it is written whole or as a lunar date."""
    day, _ = first_date(other)
    mention = lunar_dates.written(other) if other else None
    if day is None and mention is not None:
        day = lunar_dates.place(mention, lunar_dates.issue_anchor(plan_date)).day
    return day


def _lunar(expr: str, is_end: bool, plan_date: date | None, other: str) -> tuple[Bound, int] | None:
    """A lunar bound on the solar calendar (placed next to the other end or the issue date)
    and where its date is written."""
    mention = lunar_dates.completed(expr, other, is_end)
    if mention is None:
        return None
    anchor = _other_day(other, plan_date)
    if anchor is not None:
        placed = lunar_dates.place(mention, anchor, after=is_end)
    else:
        placed = lunar_dates.place(mention, lunar_dates.issue_anchor(plan_date))
    if placed.day is None:
        return Bound(open_reason=placed.problem, text=expr), mention.start
    # 'đến Tết Nguyên đán' keeps its tie to a dated Tết event; lunar 1/1 when there is none
    relative = _relative(expr, is_end) if lunar_dates.is_bare_tet(expr) else None
    return Bound(day=placed.day, relative=relative, text=expr), mention.start


def _month_only(expr: str, other: str, is_end: bool) -> date | None:
    """'từ tháng 10 đến tháng 12/2025': the month's year from the other end."""
    only, theirs = MONTH_ONLY.match(expr), MONTH.search(other)
    if only is None or theirs is None:
        return None
    m, other_m, year = int(only.group(1)), int(theirs.group(1)), int(theirs.group(2))
    if not 1 <= m <= 12:
        return None
    if not is_end and m > other_m:
        year -= 1  # 'từ tháng 11 đến tháng 2/2026' starts in the year before
    if is_end and m < other_m:
        year += 1
    return last_day(year, m) if is_end else date(year, m, 1)


def _partial(expr: str, other: str, is_end: bool = False, plan_date: date | None = None) -> Bound:
    """A day written without month or year, completed from the other end of the range."""
    month = _month_only(expr, other, is_end)
    if month is not None:
        return Bound(day=month, text=expr)
    other_day = _other_day(other, plan_date)
    only = DAY_ONLY.match(expr)
    short = DAY_MONTH.search(expr)
    if other_day is not None and only:
        day = safe_date(other_day.year, other_day.month, int(only.group(1)))
        if day is not None:
            return Bound(day=day, text=expr)
    if other_day is not None and short:
        day = safe_date(other_day.year, int(short.group(2)), int(short.group(1)))
        if day is not None:
            return Bound(day=day, text=expr)
    return Bound(open_reason=f"không hiểu mốc thời gian '{expr}'", text=expr)


def parse_range(text: str, plan_date: date | None) -> Window:
    """The first 'từ … đến …' window in the text (either side may be missing)."""
    match = RANGE.search(text)
    if match:
        a, b = match.group("a"), match.group("b")
        return Window(resolve(a, False, plan_date, b), resolve(b, True, plan_date, a))
    start = FROM.search(text)
    until = UNTIL.search(text)
    return Window(
        resolve(start.group("a"), False, plan_date) if start else None,
        resolve(until.group("b"), True, plan_date) if until else None,
    )


def split_peak(text: str) -> tuple[str, str | None]:
    """The text before 'cao điểm' and the peak part, if any."""
    index = text.lower().find("cao điểm")
    return (text, None) if index < 0 else (text[:index], text[index:])
