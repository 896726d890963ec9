"""Spoken-text preview: the reading of a text with its sources, and the preview audio."""

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse, Response

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.openapi import conflict, file_answer, job_pending
from broadcast.media import preview_audio, preview_speech
from broadcast.models import Job, JobPublic
from broadcast.models.speech import SpeechPreviewPublic, SpeechPreviewRequest

router = APIRouter(prefix="/speech", tags=["speech"])


@router.post("/preview", response_model=SpeechPreviewPublic, status_code=202)
def preview(
    request: SpeechPreviewRequest, db: DbDep, settings: SettingsDep, scope: ScopeDep
) -> Any:
    """Spans with their sources and the unknown tokens now; the audio is made by a job."""
    if request.station_id is not None:
        scope.station(request.station_id, "station_id")
    return preview_speech(db, settings, request)


@router.get(
    "/audio/{job_id:int}.wav",
    response_class=FileResponse,
    responses=file_answer("audio/wav", **{"202": job_pending(JobPublic), "409": conflict()}),
)
def audio(job_id: RowId, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Response:
    """The preview WAV; 202 with the job while it is queued or running, 409 if it failed."""
    scope.row(Job, job_id)
    found = preview_audio(db, settings, job_id)
    if isinstance(found, Path):
        return FileResponse(found, media_type="audio/wav")
    job = JobPublic.model_validate(found)
    return JSONResponse(job.model_dump(mode="json"), status_code=202)
