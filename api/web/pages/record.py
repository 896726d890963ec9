"""Thu âm: the segments an announcer may read, and the recording page with its teleprompter."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, RowId, SettingsDep
from api.web.context import PageActor, PageStation, visible_row
from api.web.labels import content_labels
from api.web.templating import render
from api.web.views.segments import segments_to_record
from broadcast.access import Action
from broadcast.models import AudioAsset, Segment

router = APIRouter(include_in_schema=False)


@router.get("/thu-am", response_class=HTMLResponse)
def record_list(request: Request, db: DbDep, station: PageStation, actor: PageActor) -> Any:
    """Segments with a script to read, newest first; those already recorded are marked."""
    if station is None:
        return render(request, "record.html", segment=None, segments=[], **content_labels())
    station_id = station.id or 0
    return render(
        request,
        "record.html",
        segment=None,
        segments=segments_to_record(db, station_id),
        can_record=actor.can(Action.RECORD_AUDIO, station_id),
        **content_labels(),
    )


@router.get("/thu-am/{segment_id:int}", response_class=HTMLResponse)
def record_page(
    request: Request,
    segment_id: RowId,
    db: DbDep,
    settings: SettingsDep,
    actor: PageActor,
    _station: PageStation,
) -> Any:
    """The script as a teleprompter, the recorder, and the segment's current recording."""
    found = visible_row(request, db, Segment, segment_id)
    if found is None:
        return render(request, "record.html", status_code=404, missing=True, segment=None)
    segment, station = found
    recording = db.get(AudioAsset, segment.audio_asset_id) if segment.audio_asset_id else None
    return render(
        request,
        "record.html",
        station=station,
        segment=segment,
        recording=recording,
        can_record=actor.can(Action.RECORD_AUDIO, station.id),
        max_seconds=int(settings.max_upload_minutes * 60),
        **content_labels(),
    )
