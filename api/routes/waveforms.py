"""Waveform pictures (SVG) for the editor and the session page (``<img src="…/waveform.svg">``)."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from api.auth import ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.openapi import SVG, file_answer
from api.web.svg.waveform import render_svg
from broadcast.exports import (
    Source,
    Waveform,
    asset_waveform,
    segment_waveform,
    session_waveform,
)
from broadcast.models import AudioAsset, BroadcastSession, Segment

router = APIRouter(tags=["waveforms"])
Width = Annotated[
    int, Query(ge=100, le=4000, description="Picture width in px = number of buckets")
]
IfNoneMatch = Annotated[str | None, Header()]
UNCHANGED = {"304": {"description": "Không đổi từ lần tải trước (If-None-Match)"}}
# An asset's content never changes under its id; segments and sessions change: revalidate.
IMMUTABLE = "private, max-age=86400"
REVALIDATE = "private, no-cache"


def _matches(if_none_match: str | None, etag: str) -> bool:
    """Whether the client's If-None-Match names this ETag (weak or strong, or *)."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def _respond(waveform: Waveform, if_none_match: str | None, cache_control: str) -> Response:
    headers = {"ETag": waveform.etag, "Cache-Control": cache_control}
    if _matches(if_none_match, waveform.etag):
        return Response(status_code=304, headers=headers)
    svg = render_svg(waveform.picture(), title=waveform.title)
    return Response(svg, media_type=SVG, headers=headers)


@router.get(
    "/assets/{asset_id:int}/waveform.svg",
    response_class=Response,
    responses=file_answer(SVG, **UNCHANGED),
)
def get_asset_waveform(
    asset_id: RowId,
    db: DbDep,
    scope: ScopeDep,
    settings: SettingsDep,
    width: Width = 800,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Waveform of a stored audio asset."""
    scope.row(AudioAsset, asset_id)
    waveform = asset_waveform(db, settings, asset_id, width)
    return _respond(waveform, if_none_match, IMMUTABLE)


@router.get(
    "/segments/{segment_id:int}/waveform.svg",
    response_class=Response,
    responses=file_answer(SVG, **UNCHANGED),
)
def get_segment_waveform(
    segment_id: RowId,
    db: DbDep,
    scope: ScopeDep,
    settings: SettingsDep,
    width: Width = 800,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Waveform of a segment's current audio (its upload, else its synthesised speech)."""
    scope.row(Segment, segment_id)
    waveform = segment_waveform(db, settings, segment_id, width)
    return _respond(waveform, if_none_match, REVALIDATE)


@router.get(
    "/playlists/{playlist_id:int}/waveform.svg",
    response_class=Response,
    responses=file_answer(SVG, **UNCHANGED),
)
def get_session_waveform(
    playlist_id: RowId,
    db: DbDep,
    scope: ScopeDep,
    settings: SettingsDep,
    width: Width = 1200,
    source: Source = "auto",
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Waveform of a session with item boundaries; items without audio show as placeholders.

    ``source=auto`` draws the exported session MP3 when the export is current, ``items``
    always lays the items' own audio end to end.
    """
    scope.row(BroadcastSession, playlist_id)
    waveform = session_waveform(db, settings, playlist_id, width, source)
    return _respond(waveform, if_none_match, REVALIDATE)
