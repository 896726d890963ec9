"""Dates and date windows in a plan's text: solar (solar.py) and lunar, converted (lunar.py)."""

from broadcast.plans.dates.solar import (
    FULL,
    WORDS,
    Bound,
    Window,
    first_date,
    parse_range,
    resolve,
    safe_date,
    split_peak,
)

__all__ = [
    "FULL",
    "WORDS",
    "Bound",
    "Window",
    "first_date",
    "parse_range",
    "resolve",
    "safe_date",
    "split_peak",
]
