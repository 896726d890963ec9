"""The schedule: a station's sessions over a range of days, with fill, as-run and warnings."""

from broadcast.schedule.calendar import calendar, fill_pct, range_result

__all__ = ["calendar", "fill_pct", "range_result"]
