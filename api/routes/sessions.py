"""Session routes (under /playlists): generate one session or a range, list, read, edit, export."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, RowId, SettingsDep
from broadcast.errors import InvalidInput
from broadcast.jobs import enqueue
from broadcast.models import (
    BroadcastSession,
    BroadcastSessionPublic,
    JobKind,
    JobPublic,
    SessionGenerate,
)
from broadcast.models.programming import ItemInsert, ItemMove, LockSet, PinSet, RangeResult
from broadcast.programming import (
    generate_session,
    insert_item,
    list_sessions,
    lock_session,
    move_item,
    pin_item,
    programme_range,
    remove_item,
    session_public,
)
from broadcast.quiet_hours import refuse_quiet_export
from broadcast.schedule import range_result

router = APIRouter(prefix="/playlists", tags=["playlists"])
Position = Annotated[int, Path(ge=0, le=1000, description="0-based position of the item")]


@router.post("/generate", response_model=BroadcastSessionPublic | RangeResult, status_code=201)
def generate(data: SessionGenerate, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Any:
    """Build (or rebuild) one session (day + slot_id) or every session from `from` to `to`.

    Manual edits survive: pinned items stay, removed ones stay out; the answer says what
    changed. Over a range, locked sessions are left as they are (counted in `locked`); one
    locked session asked for by day and slot is a 409 `session.locked`.
    """
    scope.station(data.station_id, "station_id")
    if data.start is not None or data.end is not None:
        if data.start is None or data.end is None:
            raise InvalidInput("from" if data.start is None else "to", "cần cả from và to")
        results = programme_range(db, data.station_id, data.start, data.end, settings.gap_seconds)
        return range_result(db, data.station_id, data.start, data.end, results)
    if data.day is None:
        raise InvalidInput("day", "cần day và slot_id, hoặc from và to")
    if data.slot_id is None:
        raise InvalidInput("slot_id", "cần slot_id cùng với day")
    session, changes = generate_session(
        db, data.station_id, data.day, data.slot_id, settings.gap_seconds, edit=True
    )
    return session_public(db, session, changes)


@router.get("", response_model=list[BroadcastSessionPublic])
def list_(
    db: DbDep,
    scope: ScopeDep,
    station: QueryId = None,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> Any:
    """Sessions of the caller's stations (of one station when it is given)."""
    if station is not None:
        scope.station(station)
    rows = scope.visible(list_sessions(db, station, start, end))
    return [session_public(db, p) for p in rows]


@router.get("/{playlist_id:int}", response_model=BroadcastSessionPublic)
def get(playlist_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return session_public(db, scope.row(BroadcastSession, playlist_id))


@router.post("/{playlist_id:int}/regenerate", response_model=BroadcastSessionPublic)
def regenerate(playlist_id: RowId, db: DbDep, scope: ScopeDep, settings: SettingsDep) -> Any:
    """Re-plan a session keeping its pinned items and manual removals; says what changed.

    A locked session is a 409 `session.locked`.
    """
    session = scope.row(BroadcastSession, playlist_id)
    session, changes = generate_session(
        db, session.station_id, session.day, session.slot_id, settings.gap_seconds, edit=True
    )
    return session_public(db, session, changes)


@router.post("/{playlist_id:int}/items", response_model=BroadcastSessionPublic, status_code=201)
def insert(
    playlist_id: RowId, data: ItemInsert, db: DbDep, scope: ScopeDep, settings: SettingsDep
) -> Any:
    """Insert a segment by hand (pinned): at `position`, or last before the closing.

    The opening stays first and the closing last: a place outside them is clamped;
    `changes.inserted_at` says where it went. A locked session is a 409 `session.locked`.
    """
    session = scope.row(BroadcastSession, playlist_id)
    session, place = insert_item(db, session, data.segment_id, data.position, settings.gap_seconds)
    clamped = data.position is not None and place != data.position
    changes = {"inserted_at": place, "asked": data.position, "clamped": clamped}
    return session_public(db, session, changes)


@router.delete("/{playlist_id:int}/items/{position:int}", response_model=BroadcastSessionPublic)
def remove(
    playlist_id: RowId, position: Position, db: DbDep, scope: ScopeDep, settings: SettingsDep
) -> Any:
    """Remove an item; re-planning will not bring its segment back into this session.

    A locked session is a 409 `session.locked`.
    """
    session = scope.row(BroadcastSession, playlist_id)
    remove_item(db, session, position, settings.gap_seconds)
    return session_public(db, session)


@router.post("/{playlist_id:int}/items/{position:int}/pin", response_model=BroadcastSessionPublic)
def pin(playlist_id: RowId, position: Position, data: PinSet, db: DbDep, scope: ScopeDep) -> Any:
    """Pin (or unpin with {"pinned": false}) an item at its position.

    A locked session is a 409 `session.locked`.
    """
    session = scope.row(BroadcastSession, playlist_id)
    pin_item(db, session, position, data.pinned)
    return session_public(db, session)


@router.post("/{playlist_id:int}/items/{position:int}/move", response_model=BroadcastSessionPublic)
def move(
    playlist_id: RowId,
    position: Position,
    data: ItemMove,
    db: DbDep,
    scope: ScopeDep,
    settings: SettingsDep,
) -> Any:
    """Move an item to another position (it is pinned there).

    The opening stays first and the closing last: an item asked to go before the opening or
    after the closing lands next to it; `changes.moved_to` says where it went. A locked
    session is a 409 `session.locked`.
    """
    session = scope.row(BroadcastSession, playlist_id)
    session, place = move_item(db, session, position, data.to, settings.gap_seconds)
    changes = {"moved_to": place, "asked": data.to, "clamped": place != data.to}
    return session_public(db, session, changes)


@router.post("/{playlist_id:int}/lock", response_model=BroadcastSessionPublic)
def lock(playlist_id: RowId, data: LockSet, db: DbDep, scope: ScopeDep) -> Any:
    """Lock (or unlock with {"locked": false}) a session: locked, it refuses every edit."""
    session = scope.row(BroadcastSession, playlist_id)
    lock_session(db, session, data.locked)
    return session_public(db, session)


@router.post("/{playlist_id:int}/export", response_model=JobPublic, status_code=202)
def export(playlist_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """Queue the export of a session; poll GET /jobs/{id} for its progress.

    A session in quiet hours with anything but emergency bulletins is a 409 `slot.quiet_hours`.
    """
    refuse_quiet_export(db, scope.row(BroadcastSession, playlist_id))
    return enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": playlist_id})
