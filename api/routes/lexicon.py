"""Operator lexicon routes: entries, their history and restore, CSV export and import."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from api.deps import DbDep, QueryId, RowId
from broadcast import crud, lexicon
from broadcast.errors import InvalidInput
from broadcast.lexicon import export_csv, import_csv
from broadcast.models.lexicon import (
    LexiconChangePublic,
    LexiconEntry,
    LexiconEntryCreate,
    LexiconEntryPublic,
    LexiconEntryUpdate,
    LexiconRestore,
)

router = APIRouter(prefix="/lexicon", tags=["lexicon"])
MAX_CSV_BYTES = 2 * 1024 * 1024
Author = Annotated[str, Query(max_length=100)]


@router.get("", response_model=list[LexiconEntryPublic])
def list_entries(db: DbDep, station_id: QueryId = None, include_deleted: bool = False) -> Any:
    """Entries (all scopes, or one station's own), deleted ones on request."""
    rows = lexicon.list_entries(db, station_id, include_deleted)
    return [lexicon.entry_public(row) for row in rows]


@router.post("", response_model=LexiconEntryPublic, status_code=201)
def create(data: LexiconEntryCreate, db: DbDep) -> Any:
    return lexicon.entry_public(lexicon.create_entry(db, data))


@router.get("/export.csv")
def export(db: DbDep, station_id: QueryId = None) -> Response:
    """Active entries as CSV (UTF-8 with BOM)."""
    headers = {"Content-Disposition": 'attachment; filename="lexicon.csv"'}
    return Response(export_csv(db, station_id), media_type="text/csv", headers=headers)


@router.post("/import")
def import_entries(
    db: DbDep,
    file: Annotated[UploadFile, File(description="CSV: written, spoken, context…, scope, note")],
    author: Annotated[str, Form(max_length=100)] = "",
) -> dict[str, int]:
    """Import a CSV: every row is applied, or none when one row is bad (422 naming it)."""
    data = file.file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise InvalidInput("file", f"tệp CSV quá lớn (tối đa {MAX_CSV_BYTES // 1024} KB)")
    result = import_csv(db, data, author)
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}


@router.get("/{entry_id}", response_model=LexiconEntryPublic)
def get(entry_id: RowId, db: DbDep) -> Any:
    return lexicon.entry_public(crud.get_or_raise(db, LexiconEntry, entry_id))


@router.patch("/{entry_id}", response_model=LexiconEntryPublic)
def update(entry_id: RowId, patch: LexiconEntryUpdate, db: DbDep) -> Any:
    row = crud.get_or_raise(db, LexiconEntry, entry_id)
    return lexicon.entry_public(lexicon.update_entry(db, row, patch))


@router.delete("/{entry_id}", status_code=204)
def remove(entry_id: RowId, db: DbDep, author: Author = "") -> Response:
    """Deactivate an entry; its history stays and it can be restored."""
    lexicon.delete_entry(db, crud.get_or_raise(db, LexiconEntry, entry_id), author)
    return Response(status_code=204)


@router.get("/{entry_id}/history", response_model=list[LexiconChangePublic])
def history(entry_id: RowId, db: DbDep) -> Any:
    return lexicon.history(db, crud.get_or_raise(db, LexiconEntry, entry_id))


@router.post("/{entry_id}/restore", response_model=LexiconEntryPublic)
def restore(entry_id: RowId, request: LexiconRestore, db: DbDep) -> Any:
    """Restore the values after one change of the entry's history (default: undelete)."""
    row = crud.get_or_raise(db, LexiconEntry, entry_id)
    return lexicon.entry_public(lexicon.restore_entry(db, row, request))
