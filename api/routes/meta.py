"""Service routes: health and the list of voices."""

from typing import Any

from fastapi import APIRouter

from api.auth import ScopeDep
from api.deps import DbDep, QueryId, SettingsDep
from broadcast.media import voice_list
from broadcast.models import VoicePublic

router = APIRouter(tags=["meta"])
public_router = APIRouter(tags=["meta"])


@public_router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/voices", response_model=list[VoicePublic])
def voices(db: DbDep, scope: ScopeDep, settings: SettingsDep, station_id: QueryId = None) -> Any:
    """The voices segments can use, each marked usable now or not and why (a cloud voice without
    its key, or past the station's monthly character budget when ``station_id`` is given)."""
    if station_id is not None:
        scope.station(station_id)
    return voice_list(db, settings, station_id)
