"""Operator lexicon routes: entries, their history and restore, CSV export and import."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, RowId
from api.openapi import file_answer
from broadcast import lexicon
from broadcast.errors import InvalidInput
from broadcast.lexicon import export_csv, import_csv
from broadcast.models import Segment
from broadcast.models.lexicon import (
    LexiconChangePublic,
    LexiconEntry,
    LexiconEntryCreate,
    LexiconEntryPublic,
    LexiconEntryUpdate,
    LexiconRestore,
    ReturnedSegment,
)
from broadcast.segments import lexicon_review

router = APIRouter(prefix="/lexicon", tags=["lexicon"])
MAX_CSV_BYTES = 2 * 1024 * 1024
Author = Annotated[str, Query(max_length=100)]


def _answer(row: LexiconEntry, returned: list[Segment]) -> LexiconEntryPublic:
    """The entry, with the announcements its change sent back to review."""
    refs = [ReturnedSegment(id=s.id or 0, title=s.title) for s in returned]
    return lexicon.entry_public(row).model_copy(update={"returned_to_review": refs})


@router.get("", response_model=list[LexiconEntryPublic])
def list_entries(
    db: DbDep, scope: ScopeDep, station_id: QueryId = None, include_deleted: bool = False
) -> Any:
    """Entries of every station and of the caller's (or one station's own), deleted on request."""
    if station_id is not None:
        scope.station(station_id)
    rows = scope.visible(lexicon.list_entries(db, station_id, include_deleted))
    return [lexicon.entry_public(row) for row in rows]


@router.post("", response_model=LexiconEntryPublic, status_code=201)
def create(data: LexiconEntryCreate, db: DbDep, scope: ScopeDep) -> Any:
    """A new entry; approved announcements it reads differently go back to review (listed)."""
    scope.target(data.station_id)
    with lexicon_review(db, data.station_id, {data.written}) as returned:
        row = lexicon.create_entry(db, data)
    return _answer(row, returned)


@router.get("/export.csv", response_class=Response, responses=file_answer("text/csv"))
def export(db: DbDep, scope: ScopeDep, station_id: QueryId = None) -> Response:
    """Active entries the caller sees as CSV (UTF-8 with BOM)."""
    if station_id is not None:
        scope.station(station_id)
    headers = {"Content-Disposition": 'attachment; filename="lexicon.csv"'}
    body = export_csv(db, station_id, keep=scope.visible)
    return Response(body, media_type="text/csv", headers=headers)


@router.post("/import")
def import_entries(
    db: DbDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="CSV: written, spoken, context…, scope, note")],
    author: Annotated[str, Form(max_length=100)] = "",
) -> dict[str, Any]:
    """Import a CSV: every row is applied, or none when one row is bad (422 naming it)."""
    data = file.file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise InvalidInput("file", f"tệp CSV quá lớn (tối đa {MAX_CSV_BYTES // 1024} KB)")
    with lexicon_review(db, None) as returned:
        result = import_csv(db, data, author, check_station=scope.target)
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "returned_to_review": [s.id for s in returned],
    }


@router.get("/{entry_id:int}", response_model=LexiconEntryPublic)
def get(entry_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return lexicon.entry_public(scope.row(LexiconEntry, entry_id))


@router.patch("/{entry_id:int}", response_model=LexiconEntryPublic)
def update(entry_id: RowId, patch: LexiconEntryUpdate, db: DbDep, scope: ScopeDep) -> Any:
    row = scope.row(LexiconEntry, entry_id)
    with lexicon_review(db, row.station_id, {row.written, patch.written or ""}) as returned:
        lexicon.update_entry(db, row, patch)
    return _answer(row, returned)


@router.delete("/{entry_id:int}", status_code=204)
def remove(entry_id: RowId, db: DbDep, scope: ScopeDep, author: Author = "") -> Response:
    """Deactivate an entry; its history stays and it can be restored."""
    row = scope.row(LexiconEntry, entry_id)
    with lexicon_review(db, row.station_id, {row.written}):
        lexicon.delete_entry(db, row, author)
    return Response(status_code=204)


@router.get("/{entry_id:int}/history", response_model=list[LexiconChangePublic])
def history(entry_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return lexicon.history(db, scope.row(LexiconEntry, entry_id))


@router.post("/{entry_id:int}/restore", response_model=LexiconEntryPublic)
def restore(entry_id: RowId, request: LexiconRestore, db: DbDep, scope: ScopeDep) -> Any:
    """Restore the values after one change of the entry's history (default: undelete)."""
    row = scope.row(LexiconEntry, entry_id)
    with lexicon_review(db, row.station_id) as returned:
        lexicon.restore_entry(db, row, request)
    return _answer(row, returned)
