"""Lịch phát: the calendar of sessions, and one session's playlist with its editing controls."""

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, RowId
from api.web.context import PageActor, PageStation, station_today, visible_station
from api.web.labels import AS_RUN_LABELS, KIND_LABELS
from api.web.templating import render
from api.web.views.month import month_first, month_view
from api.web.views.played import played_rows
from api.web.views.sessions import session_view
from broadcast.access import Action
from broadcast.errors import NotFound
from broadcast.models import Station
from broadcast.quiet_hours import station_windows
from broadcast.schedule import calendar

router = APIRouter(include_in_schema=False)
VIEW_DAYS = 14  # this week and next
STEP_DAYS = 7
FIRST_YEAR, LAST_YEAR = 2000, 2100
FromQ = Annotated[str | None, Query(alias="from")]


def parse_day(raw: str | None) -> date | None:
    """A yyyy-mm-dd date within the years the UI shows, else None."""
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def week_start(day: date) -> date:
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())


def lock_counts(days: list[dict[str, Any]]) -> tuple[int, int]:
    """(stored sessions, locked sessions) over calendar days."""
    stored = [s for day in days for s in day["sessions"] if s.get("playlist_id")]
    return len(stored), sum(1 for s in stored if s.get("locked"))


def _weeks(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each run of seven shown days with how many of its sessions are stored and locked."""
    out = []
    for first in range(0, len(days), STEP_DAYS):
        chunk = days[first : first + STEP_DAYS]
        stored, locked = lock_counts(chunk)
        out.append(
            {"start": chunk[0]["day"], "end": chunk[-1]["day"], "stored": stored, "locked": locked}
        )
    return out


def _calendar_context(db: DbDep, station: Station, raw_from: str | None) -> dict[str, Any]:
    today = station_today(station)
    chosen = parse_day(raw_from)
    start = chosen or week_start(today)
    end = start + timedelta(days=VIEW_DAYS - 1)
    view = calendar(db, station.id or 0, start, end, today)
    tomorrow = today + timedelta(days=1)
    return {
        "today": today,
        "start": start,
        "end": end,
        "prev": start - timedelta(days=STEP_DAYS),
        "next": start + timedelta(days=STEP_DAYS),
        "this_week": week_start(today),
        "gen_day": tomorrow if start <= tomorrow <= end else start,
        "days": view["days"],
        "weeks": _weeks(view["days"]),
        "warnings": view["warnings"],
        "bad_from": raw_from is not None and raw_from != "" and chosen is None,
    }


@router.get("/lich-phat", response_class=HTMLResponse)
def schedule_page(
    request: Request,
    db: DbDep,
    actor: PageActor,
    station: PageStation,
    raw_from: FromQ = None,
) -> Any:
    """The calendar: sessions of two weeks with fill, status, as-run and warnings."""
    if station is None:
        return render(request, "schedule.html", days=[], warnings=[])
    sid = station.id or 0
    return render(
        request,
        "schedule.html",
        can_programme=actor.can(Action.PROGRAMME, sid),
        as_run_labels=AS_RUN_LABELS,
        lock_counts=lock_counts,
        **_calendar_context(db, station, raw_from),
    )


@router.get("/lich-phat/thang", response_class=HTMLResponse)
def month_page(
    request: Request,
    db: DbDep,
    station: PageStation,
    raw_from: FromQ = None,
) -> Any:
    """The month view: every day of a month with its sessions' state, fill, locks and exports."""
    if station is None:
        return render(request, "schedule_month.html", month=None)
    today = station_today(station)
    chosen = parse_day(raw_from)
    windows = station_windows(station)
    month = month_view(db, station.id or 0, chosen or today, today, windows)
    return render(
        request,
        "schedule_month.html",
        month=month,
        today=today,
        this_month=month_first(today),
        week_from=week_start(today if month.first <= today <= month.last else month.first),
        bad_from=raw_from is not None and raw_from != "" and chosen is None,
    )


@router.get("/lich-phat/{playlist_id:int}", response_class=HTMLResponse)
def session_page(
    playlist_id: RowId,
    request: Request,
    db: DbDep,
    actor: PageActor,
    station: PageStation,
) -> Any:
    """One session: its items and reasons, edits, export, listening."""
    try:
        view = session_view(db, playlist_id)
    except NotFound:
        return render(request, "session.html", status_code=404, view=None, playlist_id=playlist_id)
    sid = view.session.station_id
    shown = visible_station(request, sid)
    if shown is None:  # a station the user does not work on: as if it did not exist
        return render(request, "session.html", status_code=404, view=None, playlist_id=playlist_id)
    return render(
        request,
        "session.html",
        station=shown,
        view=view,
        p=view.session,
        week=week_start(view.session.day),
        played=played_rows(db, playlist_id, shown),
        can_programme=actor.can(Action.PROGRAMME, sid),
        can_export=actor.can(Action.EXPORT, sid),
        kind_labels=KIND_LABELS,
    )
