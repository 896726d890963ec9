"""Playlist routes: generate, list, read, export."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import QueryId, RowId, SessionDep, SettingsDep
from broadcast.jobs import enqueue
from broadcast.models import JobKind, JobPublic, Playlist, PlaylistGenerate, PlaylistPublic
from broadcast.services import crud
from broadcast.services.programming import generate_playlist, list_playlists, playlist_public

router = APIRouter(prefix="/playlists", tags=["playlists"])


@router.post("/generate", response_model=PlaylistPublic, status_code=201)
def generate(data: PlaylistGenerate, session: SessionDep, settings: SettingsDep) -> Any:
    """Build (or rebuild) the playlist of a station's slot on a day."""
    playlist = generate_playlist(
        session, data.station_id, data.day, data.slot_id, settings.gap_seconds
    )
    return playlist_public(session, playlist)


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


@router.post("/{playlist_id}/export", response_model=JobPublic, status_code=202)
def export(playlist_id: RowId, session: SessionDep) -> Any:
    """Queue the export of a playlist; poll GET /jobs/{id} for its progress."""
    crud.get_or_raise(session, Playlist, playlist_id)
    return enqueue(session, JobKind.EXPORT_PLAYLIST, {"playlist_id": playlist_id})
