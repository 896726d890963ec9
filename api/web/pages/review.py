"""Chờ duyệt: the segments waiting for an approver, to listen to, read, approve or return."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep
from api.web.context import PageActor, PageStation
from api.web.labels import content_labels
from api.web.templating import render
from api.web.views.review import waiting_items
from broadcast.access import Action

router = APIRouter(include_in_schema=False)


@router.get("/cho-duyet", response_class=HTMLResponse)
def review_page(request: Request, db: DbDep, station: PageStation, actor: PageActor) -> Any:
    """The station's review queue, emergency first and oldest first; approvers act on it."""
    if station is None:
        return render(request, "review.html", items=[], **content_labels())
    station_id = station.id or 0
    return render(
        request,
        "review.html",
        items=waiting_items(db, actor, station_id),
        can_approve=actor.can(Action.APPROVE_SEGMENT, station_id),
        **content_labels(),
    )
