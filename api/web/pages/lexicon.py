"""Từ điển phát âm: the operator lexicon, searched, edited, with its history and CSV files."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, RowId
from api.web.context import PageActor, PageStation, visible_station
from api.web.labels import LEXICON_FIELD_LABELS, LEXICON_KIND_LABELS, content_labels
from api.web.templating import render
from api.web.views.lexicon import change_summary, search_entries
from api.web.views.segments import relisten_count
from broadcast.access import Action
from broadcast.lexicon import history
from broadcast.models.lexicon import LexiconEntry

router = APIRouter(include_in_schema=False)


def shown_value(name: str, value: Any) -> str:
    """A history value as the page shows it: kinds by their label, flags as có/không."""
    if value is None:
        return "—"
    if name == "kind":
        return LEXICON_KIND_LABELS.get(value, str(value))
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value) if value != "" else "(trống)"


@router.get("/tu-dien", response_class=HTMLResponse)
def lexicon_page(
    request: Request,
    db: DbDep,
    station: PageStation,
    actor: PageActor,
    q: Annotated[str, Query(max_length=100)] = "",
    deleted: Annotated[str, Query(max_length=10)] = "",
) -> Any:
    """Entries that apply at the station, the add form and the CSV import/export."""
    station_id = station.id if station is not None else None
    with_deleted = deleted.lower() in ("true", "1", "on")
    rows = search_entries(db, station_id, q, include_deleted=with_deleted)
    return render(
        request,
        "lexicon.html",
        entry=None,
        entries=rows,
        q=q,
        deleted=with_deleted,
        can_edit=actor.can(Action.EDIT_LEXICON, station_id),
        relisten_count=relisten_count(db, station_id) if station_id else 0,
        field_labels=LEXICON_FIELD_LABELS,
        shown=shown_value,
        **content_labels(),
    )


@router.get("/tu-dien/{entry_id:int}", response_class=HTMLResponse)
def entry_page(
    request: Request,
    entry_id: RowId,
    db: DbDep,
    station: PageStation,
    actor: PageActor,
) -> Any:
    """One entry: edit form, delete or restore, and its history with a restore per change."""
    entry = db.get(LexiconEntry, entry_id)
    foreign = entry is not None and entry.station_id is not None
    if entry is None or (foreign and visible_station(request, entry.station_id) is None):
        return render(request, "lexicon.html", status_code=404, missing=True, entry=None)
    changes = list(history(db, entry))
    scope_station = (
        entry.station_id if entry.station_id is not None else getattr(station, "id", None)
    )
    return render(
        request,
        "lexicon.html",
        entry=entry,
        changes=[(change, change_summary(change)) for change in reversed(changes)],
        can_edit=actor.can(Action.EDIT_LEXICON, scope_station),
        field_labels=LEXICON_FIELD_LABELS,
        shown=shown_value,
        **content_labels(),
    )
