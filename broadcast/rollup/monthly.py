"""The monthly report a commune sends up: the roll-up of one calendar month."""

import calendar
import re
from datetime import date, datetime

from sqlmodel import Session

from broadcast.access import Scope
from broadcast.errors import InvalidInput
from broadcast.rollup.models import UnitReport
from broadcast.rollup.report import unit_report

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_range(value: str, field: str = "month") -> tuple[date, date]:
    """First and last day of a month written YYYY-MM; InvalidInput naming ``field`` otherwise."""
    found = MONTH.match(value.strip())
    year, month = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    if not found or not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise InvalidInput(field, f"tháng '{value}' không đúng dạng YYYY-MM (2000–2100)")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_label(start: date) -> str:
    """ "Tháng 11/2026"."""
    return f"Tháng {start.month}/{start.year}"


def monthly_report(
    db: Session, scope: Scope, unit_id: int, month: str, now: datetime | None = None
) -> UnitReport:
    """The unit's roll-up for the calendar month ``month`` (YYYY-MM)."""
    start, end = month_range(month)
    return unit_report(db, scope, unit_id, start, end, now)
