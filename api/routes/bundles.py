"""Player bundles: queue a day's or a week's bundle of a station, then download it."""

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse
from pydantic import ConfigDict, Field

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.openapi import conflict, file_answer
from broadcast.errors import Conflict, NotFound
from broadcast.exports import check_bundle_range, parse_profiles
from broadcast.jobs import enqueue
from broadcast.models import Job, JobKind, JobPublic, JobStatus
from broadcast.models.common import LoaModel

router = APIRouter(prefix="/exports/bundle", tags=["exports"])


class BundleRequest(LoaModel):
    """Station, first and last day (at most 7 days), and optional profile names."""

    model_config = ConfigDict(populate_by_name=True)  # type: ignore[assignment]

    station_id: int = Field(ge=1, le=2**31 - 1)
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    profiles: list[str] | None = Field(default=None, max_length=6)


@router.post("", response_model=JobPublic, status_code=202)
def queue_bundle(data: BundleRequest, db: DbDep, scope: ScopeDep) -> Any:
    """Queue a bundle for USB/SD players; poll GET /jobs/{id}, then download it."""
    check_bundle_range(data.start, data.end)
    station = scope.station(data.station_id)
    profiles = [p.name for p in parse_profiles(data.profiles, station)]
    params = {
        "station_id": data.station_id,
        "from": data.start.isoformat(),
        "to": data.end.isoformat(),
        "profiles": profiles,
    }
    return enqueue(db, JobKind.EXPORT_BUNDLE, params)


@router.get(
    "/{job_id:int}/download",
    response_class=FileResponse,
    responses=file_answer("application/zip", **{"409": conflict()}),
)
def download_bundle(
    job_id: RowId, db: DbDep, scope: ScopeDep, settings: SettingsDep
) -> FileResponse:
    """The bundle ZIP of a finished bundle job."""
    job = scope.row(Job, job_id)
    if job.kind != JobKind.EXPORT_BUNDLE:
        raise NotFound("Gói phát", job_id)
    if job.status != JobStatus.SUCCEEDED or not job.result:
        raise Conflict(f"gói phát của công việc {job_id} chưa sẵn sàng", code="bundle.not_ready")
    path = settings.data_path(str(job.result["zip_path"]))
    if not path.is_file():
        raise NotFound("Tệp gói phát", job_id)
    return FileResponse(path, media_type="application/zip", filename=path.name)
