"""Thư viện âm thanh: the station's audio files, uploaded, searched, heard, replaced, removed."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, SettingsDep
from api.web.context import PageActor, PageStation
from api.web.templating import render
from api.web.views.library import LIBRARY_KIND_LABELS
from broadcast.access import Action
from broadcast.library import item_public, list_items
from broadcast.models import LibraryKind

router = APIRouter(include_in_schema=False)
USE_LABELS = {
    "segment": "Chuyên mục",
    "station_jingle": "Cài đặt đài",
    "station_bed": "Cài đặt đài",
}


@router.get("/thu-vien", response_class=HTMLResponse)
def library_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    station: PageStation,
    actor: PageActor,
    q: Annotated[str, Query(max_length=100)] = "",
    kind: Annotated[str, Query(max_length=20)] = "",
) -> Any:
    """The upload zone, the search and kind filters, and each file with its player and users."""
    chosen = kind if kind in LIBRARY_KIND_LABELS else ""
    if station is None:
        return render(request, "library.html", items=[], q=q, kind=chosen, can_edit=False)
    kinds = [LibraryKind(chosen)] if chosen else []
    rows = list_items(db, {station.id or 0}, kinds, q)
    return render(
        request,
        "library.html",
        items=[item_public(db, row) for row in rows],
        q=q,
        kind=chosen,
        kind_labels=LIBRARY_KIND_LABELS,
        use_labels=USE_LABELS,
        target_lufs=station.target_lufs,
        max_upload_mb=settings.max_upload_mb,
        can_edit=actor.can(Action.RECORD_AUDIO, station.id),
    )
