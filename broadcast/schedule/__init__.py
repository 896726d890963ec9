"""The schedule: a station's sessions over a range of days, with fill, as-run and warnings.

calendar.py  The calendar of a station's sessions over a range, with fill and warnings
warnings.py  Warnings on a programmed range: gaps in phases and topics, thin sessions, ending
             windows
"""

from broadcast.schedule.calendar import calendar, fill_pct, range_result

__all__ = ["calendar", "fill_pct", "range_result"]
