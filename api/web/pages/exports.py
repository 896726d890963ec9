"""Xuất file: export and bundle jobs with live progress, downloads and explained errors."""

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep
from api.web.context import PageActor, PageStation
from api.web.pages.home import station_today
from api.web.pages.schedule import week_start
from api.web.templating import render
from api.web.views.exports import explain_failure, export_history
from broadcast.access import Action

router = APIRouter(include_in_schema=False)
HISTORY_LIMIT = 50


@router.get("/xuat-file", response_class=HTMLResponse)
def exports_page(request: Request, db: DbDep, actor: PageActor, station: PageStation) -> Any:
    """The station's exports, newest first, and the form that builds a player bundle."""
    if station is None:
        return render(request, "exports.html", rows=[])
    sid = station.id or 0
    today = station_today(station)
    monday = week_start(today) + timedelta(days=7)  # next week's Monday
    return render(
        request,
        "exports.html",
        rows=export_history(db, sid, HISTORY_LIMIT),
        explain=explain_failure,
        can_export=actor.can(Action.EXPORT, sid),
        bundle_from=today + timedelta(days=1),
        week_from=monday,
        week_to=monday + timedelta(days=6),
        profiles=", ".join(station.output_profiles),
    )
