"""Who is looking at a page: the browser's session, else a redirect to the login page."""

from datetime import UTC, date, datetime
from typing import Annotated, TypeVar
from urllib.parse import quote

from fastapi import Depends, Query, Request
from sqlmodel import Session, SQLModel

from api.auth import SESSION_COOKIE
from api.deps import DbDep
from api.web.views.review import waiting_counts
from broadcast import access
from broadcast.access import Actor, visible_stations
from broadcast.accounts import actor_for, find_web_session
from broadcast.audit import set_actor
from broadcast.models import Station
from broadcast.models.station import local_now

M = TypeVar("M", bound=SQLModel)


class LoginRequired(Exception):
    """The page needs a logged-in browser; the handler redirects to /dang-nhap."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def login_url(next_path: str) -> str:
    """The login page that comes back to next_path."""
    return f"/dang-nhap?next={quote(next_path, safe='/?=&')}"


def page_actor(request: Request, db: DbDep) -> Actor:
    """The logged-in user of a page (cookie session), or LoginRequired."""
    cookie = request.cookies.get(SESSION_COOKIE)
    found = find_web_session(db, cookie) if cookie else None
    if found is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    user, web = found
    actor = actor_for(db, user)
    set_actor(db, actor)
    request.state.actor = actor
    request.state.user = user
    request.state.csrf_token = web.csrf_token
    return actor


def page_station(
    request: Request,
    db: DbDep,
    actor: Annotated[Actor, Depends(page_actor)],
    station: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Station | None:
    """The station a page shows: ?station=, else the first one the user works on."""
    choices = visible_stations(db, actor)
    chosen = next((s for s in choices if s.id == station), choices[0] if choices else None)
    request.state.station = chosen
    request.state.stations = choices
    request.state.nav_counts = {"/cho-duyet": waiting_counts(db, actor, choices)}
    return chosen


def visible_station(request: Request, station_id: int | None) -> Station | None:
    """A station the page's user works on (it becomes the page's station), else None."""
    stations = getattr(request.state, "stations", [])
    station = next((s for s in stations if station_id is not None and s.id == station_id), None)
    if station is not None:
        request.state.station = station
    return station


def visible_row(
    request: Request, db: Session, model: type[M], row_id: int
) -> tuple[M, Station] | None:
    """A row by id and its station (the page's station now), or None as broadcast.access says."""
    found = access.visible_row(db, request.state.actor, model, row_id)
    if found is not None:
        request.state.station = found[1]
    return found


def station_today(station: Station | None) -> date:
    """Today in the station's time zone (Vietnam time without a station)."""
    return local_now(station or Station(name="-"), datetime.now(UTC)).date()


PageActor = Annotated[Actor, Depends(page_actor)]
PageStation = Annotated[Station | None, Depends(page_station)]
