"""Segment routes: CRUD, audio upload, approval, speech rendering."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile
from fastapi.responses import FileResponse
from sqlmodel import col, select

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, RowId, SettingsDep
from api.uploads import CHUNK, save_upload
from broadcast import crud
from broadcast.errors import InvalidInput
from broadcast.exports import premeasure_asset
from broadcast.media import import_upload, segment_audio_file
from broadcast.models import (
    BatchApprovalPublic,
    JobPublic,
    RefusedApproval,
    Segment,
    SegmentApproval,
    SegmentBatchApproval,
    SegmentCreate,
    SegmentPublic,
    SegmentReview,
    SegmentStatus,
    SegmentUpdate,
    Station,
)
from broadcast.segments import (
    approve_segment,
    approve_segments,
    attach_asset,
    create_segment,
    fast_track_segment,
    queue_speech_render,
    return_segment,
    segment_public,
    segments_public,
    submit_segment,
    update_segment,
)

router = APIRouter(prefix="/segments", tags=["segments"])


@router.get("", response_model=list[SegmentPublic])
def list_segments(
    db: DbDep,
    scope: ScopeDep,
    station_id: QueryId = None,
    status: SegmentStatus | None = None,
    lexicon_returned: bool | None = None,
    plan_template: bool | None = None,
) -> Any:
    """Segments of the caller's stations (of one station when it is given); `lexicon_returned`
    true: those a lexicon change returned to review (the re-approval list); `plan_template`
    true: the plan importer's untouched drafts, false: written work only."""
    query = select(Segment)
    if station_id is not None:
        query = query.where(Segment.station_id == scope.station(station_id).id)
    elif (mine := scope.station_ids()) is not None:
        query = query.where(col(Segment.station_id).in_(mine))
    if status is not None:
        query = query.where(Segment.status == status)
    if lexicon_returned is not None:
        query = query.where(Segment.lexicon_returned == lexicon_returned)
    if plan_template is not None:
        query = query.where(Segment.plan_template == plan_template)
    rows = db.exec(query.order_by(col(Segment.id))).all()
    return segments_public(db, rows)


@router.post("", response_model=SegmentPublic, status_code=201)
def create(data: SegmentCreate, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Any:
    scope.station(data.station_id, "station_id")
    return segment_public(db, create_segment(db, data, settings.voice))


@router.get("/{segment_id:int}", response_model=SegmentPublic)
def get(segment_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    return segment_public(db, scope.row(Segment, segment_id))


@router.patch("/{segment_id:int}", response_model=SegmentPublic)
def update(segment_id: RowId, patch: SegmentUpdate, db: DbDep, scope: ScopeDep) -> Any:
    segment = scope.row(Segment, segment_id)
    return segment_public(db, update_segment(db, segment, patch))


@router.delete("/{segment_id:int}", status_code=204)
def remove(segment_id: RowId, db: DbDep, scope: ScopeDep) -> Response:
    crud.delete(db, scope.row(Segment, segment_id))
    return Response(status_code=204)


@router.post("/{segment_id:int}/submit", response_model=SegmentPublic)
def submit(
    segment_id: RowId, db: DbDep, scope: ScopeDep, review: SegmentReview | None = None
) -> Any:
    """Send a draft for review ("Chờ duyệt") with an optional note for the approver, and queue
    the synthesis of its script so that the approver can listen to it."""
    segment = scope.row(Segment, segment_id)
    submit_segment(db, segment, review.note if review else "")
    if segment.speech_asset_id is None:
        queue_speech_render(db, segment)
    return segment_public(db, segment)


@router.post("/{segment_id:int}/approve", response_model=SegmentPublic)
def approve(
    segment_id: RowId,
    db: DbDep,
    settings: SettingsDep,
    scope: ScopeDep,
    review: SegmentApproval | None = None,
) -> Any:
    """Approve a segment (never by its author) and queue the synthesis of its script; with
    `reviewed_hash`, only the content the approver reviewed (409 segment.changed otherwise).
    An emergency bulletin goes on air at once: an alert to every device of its station."""
    segment = scope.row(Segment, segment_id)
    note, seen = (review.note, review.reviewed_hash) if review else ("", None)
    approve_segment(db, segment, note, seen, settings)
    queue_speech_render(db, segment)
    return segment_public(db, segment)


@router.post("/approve", response_model=BatchApprovalPublic)
def approve_many(
    batch: SegmentBatchApproval, db: DbDep, settings: SettingsDep, scope: ScopeDep
) -> Any:
    """Approve several segments at once (the re-approval list); each refusal comes with its
    reason, and a segment of another station makes the whole request a 404."""
    segments = [scope.row(Segment, segment_id) for segment_id in dict.fromkeys(batch.ids)]
    approved, refused = [], []
    for segment, error in approve_segments(db, segments, batch.note, settings):
        if error is None:
            queue_speech_render(db, segment)
            approved.append(segment.id or 0)
        else:
            refused.append(
                RefusedApproval(
                    id=segment.id or 0, title=segment.title, error=error.code, detail=error.message
                )
            )
    return BatchApprovalPublic(approved=approved, refused=refused)


@router.post("/{segment_id:int}/return", response_model=SegmentPublic)
def send_back(segment_id: RowId, review: SegmentReview, db: DbDep, scope: ScopeDep) -> Any:
    """Return a segment to draft with a note on what to change."""
    segment = scope.row(Segment, segment_id)
    return segment_public(db, return_segment(db, segment, review.note))


@router.post("/{segment_id:int}/fast-track", response_model=SegmentPublic)
def fast_track(
    segment_id: RowId, review: SegmentReview, db: DbDep, settings: SettingsDep, scope: ScopeDep
) -> Any:
    """An admin approves an emergency bulletin alone, with a written reason; it goes on air at
    once (an alert to every device of its station)."""
    segment = scope.row(Segment, segment_id)
    fast_track_segment(db, segment, review.note, settings)
    queue_speech_render(db, segment)
    return segment_public(db, segment)


@router.post("/{segment_id:int}/render", response_model=JobPublic, status_code=202)
def render(segment_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """Queue the synthesis of a segment's script."""
    segment = scope.row(Segment, segment_id)
    job = queue_speech_render(db, segment)
    if job is None:
        raise InvalidInput("script", "chuyên mục không có kịch bản để đọc")
    return job


@router.get("/{segment_id:int}/audio", response_class=FileResponse)
def get_audio(segment_id: RowId, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Response:
    """The segment's current audio: its recording or upload, else its synthesised speech."""
    segment = scope.row(Segment, segment_id)
    path, media_type = segment_audio_file(db, settings, segment)
    return FileResponse(path, media_type=media_type)


@router.post("/{segment_id:int}/audio", response_model=SegmentPublic)
def upload_audio(
    segment_id: RowId,
    db: DbDep,
    settings: SettingsDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="Tệp âm thanh (MP3, WAV, M4A, OGG, FLAC…)")],
) -> Any:
    """Attach a recorded audio file to a segment after checking it decodes."""
    segment = scope.row(Segment, segment_id)
    temp = save_upload(file, settings.uploads_dir, settings.max_upload_mb * CHUNK)
    try:
        asset = import_upload(db, settings, temp, file.filename)
    finally:
        temp.unlink(missing_ok=True)
    premeasure_asset(settings, crud.get_or_raise(db, Station, segment.station_id), asset)
    return segment_public(db, attach_asset(db, segment, asset))
