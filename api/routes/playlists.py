"""Playlist routes: generate (one session or a range), list, read, edit, export."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import QueryId, RowId, SessionDep, SettingsDep
from broadcast import crud
from broadcast.errors import InvalidInput
from broadcast.jobs import enqueue
from broadcast.models import JobKind, JobPublic, Playlist, PlaylistGenerate, PlaylistPublic
from broadcast.models.programme import ItemInsert, ItemMove, LockSet, PinSet, RangeResult
from broadcast.programming import (
    generate_session,
    insert_item,
    list_playlists,
    lock_playlist,
    move_item,
    pin_item,
    playlist_public,
    program_range,
    remove_item,
)
from broadcast.schedule import range_result

router = APIRouter(prefix="/playlists", tags=["playlists"])
Position = Annotated[int, Path(ge=0, le=1000, description="0-based position of the item")]


@router.post("/generate", response_model=PlaylistPublic | RangeResult, status_code=201)
def generate(data: PlaylistGenerate, session: SessionDep, settings: SettingsDep) -> Any:
    """Build (or rebuild) one session (day + slot_id) or every session from `from` to `to`.

    Manual edits survive: locked sessions stay, pinned items stay, removed ones stay out;
    the answer says what changed.
    """
    if data.start is not None or data.end is not None:
        if data.start is None or data.end is None:
            raise InvalidInput("from" if data.start is None else "to", "cần cả from và to")
        results = program_range(
            session, data.station_id, data.start, data.end, settings.gap_seconds
        )
        return range_result(session, data.station_id, data.start, data.end, results)
    if data.day is None:
        raise InvalidInput("day", "cần day và slot_id, hoặc from và to")
    if data.slot_id is None:
        raise InvalidInput("slot_id", "cần slot_id cùng với day")
    playlist, changes = generate_session(
        session, data.station_id, data.day, data.slot_id, settings.gap_seconds
    )
    return playlist_public(session, playlist, changes)


@router.get("", response_model=list[PlaylistPublic])
def list_(
    session: SessionDep,
    station: QueryId = None,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> Any:
    return [playlist_public(session, p) for p in list_playlists(session, station, start, end)]


@router.get("/{playlist_id}", response_model=PlaylistPublic)
def get(playlist_id: RowId, session: SessionDep) -> Any:
    return playlist_public(session, crud.get_or_raise(session, Playlist, playlist_id))


@router.post("/{playlist_id}/regenerate", response_model=PlaylistPublic)
def regenerate(playlist_id: RowId, session: SessionDep, settings: SettingsDep) -> Any:
    """Re-plan a session keeping its pinned items and manual removals; says what changed."""
    playlist = crud.get_or_raise(session, Playlist, playlist_id)
    playlist, changes = generate_session(
        session, playlist.station_id, playlist.day, playlist.slot_id, settings.gap_seconds
    )
    return playlist_public(session, playlist, changes)


@router.post("/{playlist_id}/items", response_model=PlaylistPublic, status_code=201)
def insert(playlist_id: RowId, data: ItemInsert, session: SessionDep, settings: SettingsDep) -> Any:
    """Insert a segment by hand at a position (it is pinned there)."""
    playlist = crud.get_or_raise(session, Playlist, playlist_id)
    insert_item(session, playlist, data.segment_id, data.position, settings.gap_seconds)
    return playlist_public(session, playlist)


@router.delete("/{playlist_id}/items/{position}", response_model=PlaylistPublic)
def remove(
    playlist_id: RowId, position: Position, session: SessionDep, settings: SettingsDep
) -> Any:
    """Remove an item; re-planning will not bring its segment back into this session."""
    playlist = crud.get_or_raise(session, Playlist, playlist_id)
    remove_item(session, playlist, position, settings.gap_seconds)
    return playlist_public(session, playlist)


@router.post("/{playlist_id}/items/{position}/pin", response_model=PlaylistPublic)
def pin(playlist_id: RowId, position: Position, data: PinSet, session: SessionDep) -> Any:
    """Pin (or unpin with {"pinned": false}) an item at its position."""
    playlist = crud.get_or_raise(session, Playlist, playlist_id)
    pin_item(session, playlist, position, data.pinned)
    return playlist_public(session, playlist)


@router.post("/{playlist_id}/items/{position}/move", response_model=PlaylistPublic)
def move(
    playlist_id: RowId,
    position: Position,
    data: ItemMove,
    session: SessionDep,
    settings: SettingsDep,
) -> Any:
    """Move an item to another position (it is pinned there)."""
    playlist = crud.get_or_raise(session, Playlist, playlist_id)
    move_item(session, playlist, position, data.to, settings.gap_seconds)
    return playlist_public(session, playlist)


@router.post("/{playlist_id}/lock", response_model=PlaylistPublic)
def lock(playlist_id: RowId, data: LockSet, session: SessionDep) -> Any:
    """Lock (or unlock with {"locked": false}) a session against re-planning."""
    playlist = crud.get_or_raise(session, Playlist, playlist_id)
    lock_playlist(session, playlist, data.locked)
    return playlist_public(session, playlist)


@router.post("/{playlist_id}/export", response_model=JobPublic, status_code=202)
def export(playlist_id: RowId, session: SessionDep) -> Any:
    """Queue the export of a playlist; poll GET /jobs/{id} for its progress."""
    crud.get_or_raise(session, Playlist, playlist_id)
    return enqueue(session, JobKind.EXPORT_PLAYLIST, {"playlist_id": playlist_id})
