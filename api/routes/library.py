"""Media library routes: upload, list and search, rename, replace, delete, listen, and choose a
library file as a segment's audio."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.responses import FileResponse

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, RowId, SettingsDep
from api.openapi import file_answer
from api.uploads import CHUNK, save_upload
from broadcast import crud
from broadcast.errors import InvalidInput, NotFound
from broadcast.library import (
    add_item,
    attach_item,
    delete_item,
    item_public,
    list_items,
    replace_item,
    update_item,
)
from broadcast.media import asset_audio_file
from broadcast.models import (
    AudioAsset,
    LibraryAttach,
    LibraryItem,
    LibraryItemPublic,
    LibraryItemUpdate,
    LibraryKind,
    LibraryReplacePublic,
    Segment,
    SegmentPublic,
)
from broadcast.models.common import MAX_ID
from broadcast.segments import segment_public

router = APIRouter(tags=["library"])
AudioFile = Annotated[UploadFile, File(description="Tệp âm thanh (MP3, WAV, M4A, OGG, FLAC…)")]
AUDIO_TYPES = ("audio/mpeg", "audio/wav", "audio/flac", "audio/ogg", "audio/mp4")


@router.get("/library", response_model=list[LibraryItemPublic])
def list_library(
    db: DbDep,
    scope: ScopeDep,
    station_id: QueryId = None,
    kind: Annotated[list[LibraryKind] | None, Query()] = None,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Any:
    """Library files of the caller's stations (of one station when given), filtered by kind
    and searched by title or file name (tone marks and case ignored)."""
    stations = {scope.station(station_id).id or 0} if station_id else scope.station_ids()
    rows = list_items(db, stations, kind or (), q)
    return [item_public(db, row) for row in rows]


@router.post("/library", response_model=LibraryItemPublic, status_code=201)
def upload(
    db: DbDep,
    settings: SettingsDep,
    scope: ScopeDep,
    file: AudioFile,
    station_id: Annotated[int, Form(ge=1, le=MAX_ID)],
    kind: Annotated[LibraryKind, Form()],
    title: Annotated[str, Form(max_length=300)] = "",
) -> Any:
    """Bring one audio file into a station's library (converted and measured once); a file
    that does not decode, or one the library holds already, is refused naming `file`."""
    station = scope.station(station_id, "station_id")
    temp = save_upload(file, settings.uploads_dir, settings.max_upload_mb * CHUNK)
    try:
        item = add_item(db, settings, station, temp, file.filename, kind, title)
    finally:
        temp.unlink(missing_ok=True)
    return item_public(db, item)


@router.get("/library/{item_id:int}", response_model=LibraryItemPublic)
def get_item(item_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """One library file with where it is used."""
    return item_public(db, scope.row(LibraryItem, item_id))


@router.patch("/library/{item_id:int}", response_model=LibraryItemPublic)
def rename(item_id: RowId, patch: LibraryItemUpdate, db: DbDep, scope: ScopeDep) -> Any:
    """Rename a library file or change its kind."""
    return item_public(db, update_item(db, scope.row(LibraryItem, item_id), patch))


@router.delete("/library/{item_id:int}", status_code=204)
def remove(item_id: RowId, db: DbDep, scope: ScopeDep) -> Response:
    """Remove an unused file from the library; 409 `library.in_use` lists its users."""
    delete_item(db, scope.row(LibraryItem, item_id))
    return Response(status_code=204)


@router.post("/library/{item_id:int}/replace", response_model=LibraryReplacePublic)
def replace(
    item_id: RowId, db: DbDep, settings: SettingsDep, scope: ScopeDep, file: AudioFile
) -> Any:
    """Give a library file new audio: the segments playing it go back to review."""
    item = scope.row(LibraryItem, item_id)
    temp = save_upload(file, settings.uploads_dir, settings.max_upload_mb * CHUNK)
    try:
        returned = replace_item(db, settings, item, temp, file.filename)
    finally:
        temp.unlink(missing_ok=True)
    return LibraryReplacePublic(
        item=item_public(db, item), returned_segment_ids=[s.id or 0 for s in returned]
    )


@router.get(
    "/library/{item_id:int}/audio",
    response_class=FileResponse,
    responses=file_answer(*AUDIO_TYPES),
)
def listen(item_id: RowId, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Response:
    """The stored (converted) audio of a library file."""
    item = scope.row(LibraryItem, item_id)
    path, media_type = asset_audio_file(settings, crud.get_or_raise(db, AudioAsset, item.asset_id))
    return FileResponse(path, media_type=media_type)


@router.post("/segments/{segment_id:int}/library-audio", response_model=SegmentPublic)
def use_for_segment(segment_id: RowId, choice: LibraryAttach, db: DbDep, scope: ScopeDep) -> Any:
    """Make a library file of the segment's station its audio; it goes back to review."""
    segment = scope.row(Segment, segment_id)
    try:
        item = scope.row(LibraryItem, choice.item_id)
    except NotFound:
        raise InvalidInput("item_id", f"tệp {choice.item_id} không có trong thư viện") from None
    return segment_public(db, attach_item(db, segment, item))
