"""The calendar of a station's sessions over a range, with fill and warnings."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from broadcast import crud
from broadcast.asrun import session_statuses
from broadcast.models import BroadcastSession, Station
from broadcast.models.programming import RangeResult, SessionSummary
from broadcast.programming import check_range, list_sessions, station_slots
from broadcast.quiet_hours import quiet_skips, quiet_slots
from broadcast.schedule.warnings import warnings_for


def fill_pct(total_s: float, max_seconds: float) -> float:
    """Share of the session's maximum length that is programmed, in percent."""
    return round(100.0 * total_s / max_seconds, 1) if max_seconds else 0.0


def range_result(
    db: Session,
    station_id: int,
    start: date,
    end: date,
    results: Sequence[tuple[BroadcastSession, dict[str, Any]]],
) -> RangeResult:
    """Summary of a range programming call: one line per session, what changed, what was
    skipped (sessions in quiet hours)."""
    station = crud.get_or_raise(db, Station, station_id)
    slot_rows = station_slots(db, station_id)
    slots = {s.id: s for s in slot_rows}
    sessions = [
        SessionSummary(
            playlist_id=p.id or 0,
            day=p.day,
            slot_id=p.slot_id,
            items=len(changes.get("items", [])) or _count(db, p),
            total_s=p.total_s,
            fill_pct=fill_pct(p.total_s, slots[p.slot_id].max_seconds),
            locked=p.locked,
            changes=changes,
        )
        for p, changes in results
    ]
    changed = sum(1 for s in sessions if s.changes.get("added") or s.changes.get("removed"))
    locked = sum(1 for s in sessions if s.locked)
    return RangeResult.model_validate(
        {
            "station_id": station_id,
            "from": start,
            "to": end,
            "sessions": sessions,
            "changed": changed,
            "unchanged": len(sessions) - changed - locked,
            "locked": locked,
            "skipped": quiet_skips(station, slot_rows, start, end),
        }
    )


def _count(db: Session, session: BroadcastSession) -> int:
    from broadcast.programming import session_items

    return len(session_items(db, session))


def calendar(db: Session, station_id: int, start: date, end: date, today: date) -> dict[str, Any]:
    """Every expected session from ``start`` to ``end``: stored or missing, fill %, as-run."""
    station = crud.get_or_raise(db, Station, station_id)
    check_range(start, end)
    slots = station_slots(db, station_id)
    quiet = quiet_slots(station, slots)
    stored = {(p.day, p.slot_id): p for p in list_sessions(db, station_id, start, end)}
    statuses = session_statuses(db, [p.id or 0 for p in stored.values()])
    days: list[dict[str, Any]] = []
    day = start
    while day <= end:
        sessions = []
        for slot in slots:
            if day.weekday() not in slot.weekdays:
                continue
            session = stored.get((day, slot.id or 0))
            sessions.append(
                {
                    "slot_id": slot.id,
                    "slot_start": slot.start.strftime("%H:%M"),
                    "playlist_id": session.id if session else None,
                    "status": session.status.value if session else "missing",
                    "locked": session.locked if session else False,
                    "quiet": quiet.get(slot.id or 0),
                    "fill_pct": fill_pct(session.total_s, slot.max_seconds) if session else 0.0,
                    "unused_s": session.unused_s if session else float(slot.max_seconds),
                    "asrun": statuses.get(session.id or 0, "unconfirmed")
                    if session
                    else "unconfirmed",
                }
            )
        days.append({"day": day, "sessions": sessions})
        day += timedelta(days=1)
    return {
        "station_id": station_id,
        "from": start,
        "to": end,
        "days": days,
        "warnings": warnings_for(db, station_id, start, end, today, stored, slots, quiet),
    }
