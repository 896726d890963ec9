"""The calendar of a station's sessions over a range, with fill and warnings."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from broadcast import crud
from broadcast.asrun import session_statuses
from broadcast.models import Playlist, Station
from broadcast.models.programme import RangeResult, SessionSummary
from broadcast.programming import check_range, list_playlists, station_slots
from broadcast.schedule.warnings import warnings_for


def fill_pct(total_s: float, max_seconds: float) -> float:
    """Share of the session's maximum length that is programmed, in percent."""
    return round(100.0 * total_s / max_seconds, 1) if max_seconds else 0.0


def range_result(
    session: Session,
    station_id: int,
    start: date,
    end: date,
    results: Sequence[tuple[Playlist, dict[str, Any]]],
) -> RangeResult:
    """Summary of a range programming call: one line per session and what changed."""
    slots = {s.id: s for s in station_slots(session, station_id)}
    sessions = [
        SessionSummary(
            playlist_id=p.id or 0,
            day=p.day,
            slot_id=p.slot_id,
            items=len(changes.get("items", [])) or _count(session, p),
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
        }
    )


def _count(session: Session, playlist: Playlist) -> int:
    from broadcast.programming import playlist_items

    return len(playlist_items(session, playlist))


def calendar(
    session: Session, station_id: int, start: date, end: date, today: date
) -> dict[str, Any]:
    """Every expected session from ``start`` to ``end``: playlist, fill %, as-run status."""
    crud.get_or_raise(session, Station, station_id)
    check_range(start, end)
    slots = station_slots(session, station_id)
    stored = {(p.day, p.slot_id): p for p in list_playlists(session, station_id, start, end)}
    statuses = session_statuses(session, [p.id or 0 for p in stored.values()])
    days: list[dict[str, Any]] = []
    day = start
    while day <= end:
        sessions = []
        for slot in slots:
            if day.weekday() not in slot.weekdays:
                continue
            playlist = stored.get((day, slot.id or 0))
            sessions.append(
                {
                    "slot_id": slot.id,
                    "slot_start": slot.start.strftime("%H:%M"),
                    "playlist_id": playlist.id if playlist else None,
                    "status": playlist.status.value if playlist else "missing",
                    "locked": playlist.locked if playlist else False,
                    "fill_pct": fill_pct(playlist.total_s, slot.max_seconds) if playlist else 0.0,
                    "unused_s": playlist.unused_s if playlist else float(slot.max_seconds),
                    "asrun": statuses.get(playlist.id or 0, "unconfirmed")
                    if playlist
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
        "warnings": warnings_for(session, station_id, start, end, today, stored, slots),
    }
