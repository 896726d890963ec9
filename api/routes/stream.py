"""A station's live stream: where to listen (Icecast, HLS), what it carries, and its HLS files."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from api.auth import ScopeDep
from api.deps import DbDep, SettingsDep
from api.openapi import file_answer
from broadcast.models.common import MAX_ID
from broadcast.stream import StreamInfo, hls_file, stream_info

router = APIRouter(prefix="/stations/{station_id:int}/stream", tags=["stream"])
StationId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the station")]
HlsName = Annotated[
    str, Path(max_length=70, description="index.m3u8 or a segment named in it (seg-N.ts)")
]


@router.get("", response_model=StreamInfo)
def get_stream(
    station_id: StationId, request: Request, db: DbDep, scope: ScopeDep, settings: SettingsDep
) -> Any:
    """The station's listen URLs (Icecast mount, HLS playlist) and what is on air now."""
    scope.station(station_id)
    streams = getattr(request.app.state, "streams", None)
    live = streams.status(station_id) if streams is not None else None
    return stream_info(db, settings, station_id, datetime.now(UTC), live)


@router.get(
    "/hls/{name}",
    response_class=Response,
    responses=file_answer("application/vnd.apple.mpegurl", "video/mp2t"),
)
def get_hls(
    station_id: StationId, name: HlsName, scope: ScopeDep, settings: SettingsDep
) -> Response:
    """One file of the station's HLS stream (the playlist is never cached)."""
    scope.station(station_id)
    content, media_type = hls_file(settings, station_id, name)
    cache = "no-cache" if name.endswith(".m3u8") else "max-age=60"
    return Response(content, media_type=media_type, headers={"Cache-Control": cache})
