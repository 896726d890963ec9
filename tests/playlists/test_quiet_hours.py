"""Quiet hours: a session overlaps a daily window of local clock time, across midnight too."""

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playlists.quiet import QuietWindow, overlaps, parse_clock, parse_windows, quiet_window_hit

DAY_MIN = 24 * 60


def _clock(minute: int) -> time:
    return time(minute // 60, minute % 60)


def _minutes(first: int, count: int) -> set[int]:
    """Minutes of the day covered by ``count`` minutes from ``first`` (wrapping at midnight)."""
    return {(first + i) % DAY_MIN for i in range(count)}


def _window_minutes(start: int, end: int) -> set[int]:
    return _minutes(start, (end - start) % DAY_MIN)


@given(
    begin=st.integers(0, DAY_MIN - 1),
    length=st.integers(1, 4 * 60),
    w_start=st.integers(0, DAY_MIN - 1),
    w_end=st.integers(0, DAY_MIN - 1),
)
def test_overlap_matches_minute_by_minute_coverage(
    begin: int, length: int, w_start: int, w_end: int
) -> None:
    window = QuietWindow(_clock(w_start), _clock(w_end))
    expected = bool(_minutes(begin, length) & _window_minutes(w_start, w_end))
    assert overlaps(_clock(begin), length * 60.0, window) is expected


NIGHT = QuietWindow(time(22, 0), time(5, 30))


@pytest.mark.parametrize(
    ("start", "minutes", "inside"),
    [
        (time(4, 30), 15, True),  # the residents' complaint
        (time(23, 0), 15, True),
        (time(0, 0), 1, True),
        (time(5, 30), 15, False),  # starts as the window ends: touching only
        (time(21, 45), 15, False),  # ends as the window starts: touching only
        (time(21, 45), 16, True),
        (time(5, 29), 15, True),
        (time(6, 30), 15, False),
        (time(12, 0), 240, False),
    ],
)
def test_night_window_across_midnight(start: time, minutes: int, inside: bool) -> None:
    assert overlaps(start, minutes * 60.0, NIGHT) is inside


def test_session_across_midnight_meets_a_morning_window() -> None:
    early = QuietWindow(time(0, 30), time(5, 0))
    assert overlaps(time(23, 0), 2 * 3600.0, early)
    assert not overlaps(time(23, 0), 90 * 60.0, early)


def test_first_hit_is_named_and_a_clear_session_has_none() -> None:
    noon = QuietWindow(time(11, 30), time(13, 30))
    assert quiet_window_hit(time(12, 0), 900.0, [NIGHT, noon]) == noon
    assert quiet_window_hit(time(6, 30), 900.0, [NIGHT, noon]) is None
    assert quiet_window_hit(time(4, 30), 900.0, []) is None
    assert noon.label() == "11:30–13:30"


def test_empty_window_and_empty_session_never_overlap() -> None:
    assert not overlaps(time(4, 0), 900.0, QuietWindow(time(4, 0), time(4, 0)))
    assert not overlaps(time(23, 0), 0.0, NIGHT)


@pytest.mark.parametrize("text", ["7:00", "24:00", "12:60", "12h30", "", "12:30:00"])
def test_clock_strings_are_strict(text: str) -> None:
    with pytest.raises(ValueError, match="giờ"):
        parse_clock(text)


def test_stored_windows_parse() -> None:
    assert parse_windows([{"start": "22:00", "end": "05:30"}]) == [NIGHT]
