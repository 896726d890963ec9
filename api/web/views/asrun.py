"""The Xác nhận phát sóng page's model: past sessions by day, unconfirmed ones first."""

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from sqlmodel import Session

from broadcast.asrun import UNCONFIRMED, PastSession, past_sessions


@dataclass(frozen=True)
class AsRunRow:
    """One past session as a line of the page."""

    playlist_id: int
    day: date
    start: str
    slot_name: str
    length_s: float
    status: str
    note: str
    source: str
    aired_until_min: float | None
    confirmed_at: datetime | None

    @property
    def confirmed(self) -> bool:
        """Whether the session has a confirmation."""
        return self.status != UNCONFIRMED


@dataclass(frozen=True)
class AsRunDay:
    """The page's sessions of one day."""

    day: date
    rows: list[AsRunRow]


@dataclass(frozen=True)
class AsRunPage:
    """Unconfirmed sessions by day, then confirmed ones by day (newest day first)."""

    unconfirmed: list[AsRunDay]
    confirmed: list[AsRunDay]

    @property
    def unconfirmed_count(self) -> int:
        """Sessions of the period still waiting for a confirmation."""
        return sum(len(d.rows) for d in self.unconfirmed)

    @property
    def confirmed_count(self) -> int:
        """Sessions of the period with a confirmation."""
        return sum(len(d.rows) for d in self.confirmed)


def _row(past: PastSession) -> AsRunRow:
    run = past.asrun
    until = run.aired_until_s if run is not None else None
    return AsRunRow(
        playlist_id=past.session.id or 0,
        day=past.session.day,
        start=past.slot.start.strftime("%H:%M"),
        slot_name=past.slot.name,
        length_s=past.session.total_s,
        status=past.status,
        note=run.note if run is not None else "",
        source=run.source if run is not None else "",
        aired_until_min=round(until / 60, 1) if until is not None else None,
        confirmed_at=run.confirmed_at if run is not None else None,
    )


def _by_day(rows: list[AsRunRow]) -> list[AsRunDay]:
    """Rows grouped by day, newest day first, each day in airing order."""
    ordered = sorted(rows, key=lambda r: (-r.day.toordinal(), r.start))
    return [AsRunDay(day, list(group)) for day, group in groupby(ordered, key=lambda r: r.day)]


def asrun_page(db: Session, station_id: int, start: date, end: date, now: datetime) -> AsRunPage:
    """The page's sessions: those of the range that started by ``now`` (station time)."""
    rows = [_row(p) for p in past_sessions(db, station_id, start, end, now)]
    return AsRunPage(
        unconfirmed=_by_day([r for r in rows if not r.confirmed]),
        confirmed=_by_day([r for r in rows if r.confirmed]),
    )
