"""A month of a station's sessions as the Lịch phát month view shows it (two queries)."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from broadcast.models import BroadcastSession, SessionSlot
from broadcast.programming import list_sessions, station_slots
from broadcast.quiet_hours import slot_quiet_window
from broadcast.schedule import fill_pct
from playlists.quiet import QuietWindow

MISSING = "missing"
QUIET = "quiet"  # expected, not planned: the slot is in the station's quiet hours


@dataclass(frozen=True)
class MonthSession:
    """One expected or stored session of a day: its slot, state and fill."""

    slot_id: int
    slot_start: str
    playlist_id: int | None
    status: str  # "generated", "exported", MISSING or QUIET
    locked: bool
    fill_pct: float


@dataclass(frozen=True)
class MonthDay:
    """One cell of the month grid."""

    day: date
    in_month: bool
    is_today: bool
    sessions: list[MonthSession] = field(default_factory=list)

    @property
    def week_from(self) -> date:
        """The Monday of the day's week (where the week view opens)."""
        return self.day - timedelta(days=self.day.weekday())

    @property
    def stored(self) -> int:
        """Sessions with a playlist."""
        return sum(1 for s in self.sessions if s.playlist_id)

    @property
    def locked(self) -> int:
        """Locked sessions."""
        return sum(1 for s in self.sessions if s.locked)

    @property
    def exported(self) -> int:
        """Exported sessions."""
        return sum(1 for s in self.sessions if s.status == "exported")


@dataclass(frozen=True)
class MonthView:
    """A month as whole weeks from Monday to Sunday, with the months around it."""

    first: date
    last: date
    weeks: list[list[MonthDay]]
    prev: date
    next: date

    @property
    def days(self) -> list[MonthDay]:
        """The days of the month itself, in order (the phone list)."""
        return [d for week in self.weeks for d in week if d.in_month]


def month_first(day: date) -> date:
    """The first day of the day's month."""
    return day.replace(day=1)


def _session(slot: SessionSlot, stored: BroadcastSession | None, quiet: bool) -> MonthSession:
    return MonthSession(
        slot_id=slot.id or 0,
        slot_start=slot.start.strftime("%H:%M"),
        playlist_id=stored.id if stored else None,
        status=stored.status.value if stored else QUIET if quiet else MISSING,
        locked=stored.locked if stored else False,
        fill_pct=fill_pct(stored.total_s, slot.max_seconds) if stored else 0.0,
    )


def _day_sessions(
    day: date,
    slots: list[SessionSlot],
    stored: dict[tuple[date, int], BroadcastSession],
    quiet: set[int],
) -> list[MonthSession]:
    """The day's sessions by slot time: expected slots, and stored ones of a slot since moved."""
    shown = [
        slot for slot in slots if day.weekday() in slot.weekdays or (day, slot.id or 0) in stored
    ]
    return [
        _session(slot, stored.get((day, slot.id or 0)), (slot.id or 0) in quiet) for slot in shown
    ]


def month_view(
    db: Session,
    station_id: int,
    any_day: date,
    today: date,
    windows: Sequence[QuietWindow] = (),
) -> MonthView:
    """The month holding ``any_day`` for one station, padded to whole weeks (``windows``: the
    station's quiet hours, whose slots are marked rather than missing)."""
    first = month_first(any_day)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    grid_start = first - timedelta(days=first.weekday())
    grid_end = last + timedelta(days=6 - last.weekday())
    slots = station_slots(db, station_id)
    rows = list_sessions(db, station_id, grid_start, grid_end)
    stored = {(p.day, p.slot_id): p for p in rows}
    quiet = {s.id or 0 for s in slots if slot_quiet_window(list(windows), s) is not None}
    weeks: list[list[MonthDay]] = []
    day = grid_start
    while day <= grid_end:
        if day.weekday() == 0:
            weeks.append([])
        in_month = first <= day <= last
        sessions = _day_sessions(day, slots, stored, quiet) if in_month else []
        weeks[-1].append(MonthDay(day, in_month, day == today, sessions))
        day += timedelta(days=1)
    return MonthView(
        first=first,
        last=last,
        weeks=weeks,
        prev=month_first(first - timedelta(days=1)),
        next=last + timedelta(days=1),
    )
