"""Job and export routes: progress of background work and download of bundles."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.openapi import file_answer
from broadcast.errors import NotFound
from broadcast.exports import export_file, export_mp3, export_public
from broadcast.models import Export, ExportPublic, Job, JobPublic

router = APIRouter(tags=["jobs"])


@router.get("/jobs/{job_id:int}", response_model=JobPublic)
def get_job(job_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return scope.row(Job, job_id)


@router.get("/exports/{export_id:int}", response_model=ExportPublic)
def get_export(export_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return export_public(scope.row(Export, export_id))


@router.get(
    "/exports/{export_id:int}/download",
    response_class=FileResponse,
    responses=file_answer("application/zip"),
)
def download_export(
    export_id: RowId, db: DbDep, scope: ScopeDep, settings: SettingsDep
) -> FileResponse:
    """The export's ZIP bundle."""
    export = scope.row(Export, export_id)
    path = export_file(settings, export)
    if not path.is_file():
        raise NotFound("Tệp xuất", export_id)
    return FileResponse(path, media_type="application/zip", filename=path.name)


@router.get(
    "/exports/{export_id:int}/audio.mp3",
    response_class=FileResponse,
    responses=file_answer("audio/mpeg"),
)
def export_audio(
    export_id: RowId, db: DbDep, scope: ScopeDep, settings: SettingsDep
) -> FileResponse:
    """The export's session MP3, to listen to in the browser (seekable: range requests)."""
    export = scope.row(Export, export_id)
    path = export_mp3(settings, export)
    if not path.is_file():
        raise NotFound("Tệp âm thanh của bản xuất", export_id)
    return FileResponse(
        path, media_type="audio/mpeg", filename=path.name, content_disposition_type="inline"
    )
