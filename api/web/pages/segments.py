"""Chuyên mục: the segment list with filters, the new-segment form and the segment editor."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from api.deps import DbDep, RowId, SettingsDep
from api.web.context import PageActor, PageStation, visible_row
from api.web.labels import CLASS_LABELS, KIND_LABELS, content_labels
from api.web.settings_words import shown_voices, voice_words
from api.web.templating import render
from api.web.views.library import item_of_segment, segment_choices
from api.web.views.paging import page_links, page_number, page_of
from api.web.views.phase_choices import phase_choices
from api.web.views.segments import (
    SegmentFilter,
    find_segments,
    lexicon_returned,
    pending_render,
    phase_topics,
    spoken_spans,
    template_count,
    user_names,
)
from broadcast.access import Action, Actor
from broadcast.config import Settings
from broadcast.media import current_asset
from broadcast.models import Segment, SegmentStatus
from broadcast.models.common import BulletinClass
from broadcast.segments import (
    is_cleared_to_air,
    linked_phase_ids,
    linked_topic_ids,
    segment_duration,
)

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]
OptionalId = Annotated[str, Query(max_length=12)]
# The list's "Nguồn" filter: written work by default, the plan importer's drafts, or both.
ORIGINS: dict[str, bool | None] = {"": False, "template": True, "all": None}


def _int(value: str) -> int | None:
    """A filter id from the query string; anything else means no filter."""
    return int(value) if value.isdigit() and 0 < len(value) <= 9 else None


def _enum(kind: Any, value: str) -> Any:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def form_options(db: Session, station_id: int, settings: Settings) -> dict[str, Any]:
    """Choices shared by the new-segment form and the editor."""
    phases = phase_choices(db, station_id)
    return {
        "phases": phases,
        "topics": phase_topics(db, [p.id for p in phases]),
        "voices": [(v.name, voice_words(v)) for v in shown_voices(settings)],
        "kinds": list(KIND_LABELS.items()),
        "classes": list(CLASS_LABELS.items()),
    }


@router.get("/chuyen-muc", response_class=HTMLResponse)
def segments_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    station: PageStation,
    actor: PageActor,
    phase: OptionalId = "",
    topic: OptionalId = "",
    status: Text = "",
    bulletin_class: Annotated[str, Query(alias="class", max_length=20)] = "",
    q: Text = "",
    origin: Text = "",
    page: Annotated[str, Query(max_length=20)] = "",
) -> Any:
    """The station's segments, narrowed by the filters, a page at a time, and the new-segment
    form; the plan importer's untouched drafts only with `origin=template` (all: `origin=all`)."""
    if station is None:
        return render(request, "segments.html", segments=[], **content_labels())
    station_id = station.id or 0
    wanted = SegmentFilter(
        station_id=station_id,
        phase_id=_int(phase),
        topic_id=_int(topic),
        status=_enum(SegmentStatus, status),
        bulletin_class=_enum(BulletinClass, bulletin_class),
        text=q,
        template=ORIGINS.get(origin, False),
    )
    shown = page_of(find_segments(db, wanted), page_number(page))
    rows = shown.rows
    query = request.query_params.multi_items()
    if "station" not in request.query_params:
        query.insert(0, ("station", str(station_id)))
    can_approve = actor.can(Action.APPROVE_SEGMENT, station_id)
    return render(
        request,
        "segments.html",
        segments=rows,
        shown=shown,
        page_links=page_links("/chuyen-muc", query, shown.pages),
        durations={row.id: segment_duration(db, row) for row in rows},
        wanted=wanted,
        can_edit=actor.can(Action.EDIT_SEGMENT, station_id),
        can_approve=can_approve,
        relisten=lexicon_returned(db, station_id, actor.user_id) if can_approve else [],
        origin=origin if origin in ORIGINS else "",
        templates=template_count(db, station_id),
        default_voice=settings.voice,
        **form_options(db, station_id, settings),
        **content_labels(),
    )


def review_state(db: Session, actor: Actor, segment: Segment) -> dict[str, Any]:
    """Which review buttons the user gets, and why approve is refused to the author."""
    station_id = segment.station_id
    is_author = actor.user_id is not None and actor.user_id == segment.author_id
    cleared = is_cleared_to_air(db, segment)
    return {
        "can_edit": actor.can(Action.EDIT_SEGMENT, station_id),
        "can_submit": actor.can(Action.EDIT_SEGMENT, station_id)
        and segment.status == SegmentStatus.DRAFT,
        "can_approve": actor.can(Action.APPROVE_SEGMENT, station_id),
        "can_fast_track": actor.can(Action.FAST_TRACK, station_id)
        and segment.bulletin_class == BulletinClass.EMERGENCY,
        "can_record": actor.can(Action.RECORD_AUDIO, station_id),
        "can_lexicon": actor.can(Action.EDIT_LEXICON, station_id),
        "can_preview": actor.can(Action.PREVIEW_SPEECH, station_id),
        "is_author": is_author,
        "cleared": cleared,
        "stale_approval": segment.status == SegmentStatus.APPROVED and not cleared,
    }


@router.get("/chuyen-muc/{segment_id:int}", response_class=HTMLResponse)
def segment_page(
    request: Request,
    segment_id: RowId,
    db: DbDep,
    settings: SettingsDep,
    actor: PageActor,
    _station: PageStation,
) -> Any:
    """The editor: script, spoken text, audio, review buttons by role."""
    found = visible_row(request, db, Segment, segment_id)
    if found is None:
        return render(request, "segment.html", status_code=404, segment=None, **content_labels())
    segment, station = found
    station_id = station.id or 0
    names = user_names(db, [segment.author_id, segment.approved_by_id])
    options = form_options(db, station_id, settings)
    if segment.voice not in {name for name, _label in options["voices"]}:
        options["voices"].append((segment.voice, segment.voice))  # keep it when saving
    return render(
        request,
        "segment.html",
        station=station,
        segment=segment,
        spans=spoken_spans(db, segment),
        asset=current_asset(db, segment),
        render_job=pending_render(db, segment_id),
        duration=segment_duration(db, segment),
        phase_ids=linked_phase_ids(db, segment),
        topic_ids=linked_topic_ids(db, segment),
        author=names.get(segment.author_id or 0),
        approver=names.get(segment.approved_by_id or 0),
        default_voice=settings.voice,
        library_choices=segment_choices(db, segment),
        library_item=item_of_segment(db, segment),
        **review_state(db, actor, segment),
        **options,
        **content_labels(),
    )
