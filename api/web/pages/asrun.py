"""Xác nhận phát sóng: past sessions to confirm or correct, a day at once, a player log upload."""

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep
from api.web.context import PageActor, PageStation
from api.web.labels import AS_RUN_LABELS
from api.web.pages.schedule import parse_day
from api.web.templating import render
from api.web.views.asrun import asrun_page
from broadcast.access import Action
from broadcast.asrun import station_now
from broadcast.errors import InvalidInput

router = APIRouter(include_in_schema=False)
DEFAULT_DAYS = 7  # the last week, today included
BAD_DAY = "Ngày không hợp lệ (dd/mm/yyyy, từ năm 2000 đến 2100)."


def _read_range(
    today: date, raw_from: str | None, raw_to: str | None
) -> tuple[date, date, dict[str, str]]:
    """The chosen period (default: the last 7 days); a bad value falls back, with its error."""
    errors: dict[str, str] = {}
    start, end = parse_day(raw_from), parse_day(raw_to)
    if raw_from and start is None:
        errors["from"] = BAD_DAY
    if raw_to and end is None:
        errors["to"] = BAD_DAY
    end = end or today
    return start or end - timedelta(days=DEFAULT_DAYS - 1), end, errors


@router.get("/xac-nhan-phat", response_class=HTMLResponse)
def asrun_page_view(
    request: Request,
    db: DbDep,
    actor: PageActor,
    station: PageStation,
    raw_from: Annotated[str | None, Query(alias="from")] = None,
    raw_to: Annotated[str | None, Query(alias="to")] = None,
    show: Annotated[str | None, Query()] = None,
) -> Any:
    """The station's past sessions of a period, unconfirmed first, to confirm or correct."""
    if station is None:
        return render(request, "asrun.html", model=None, errors={})
    sid = station.id or 0
    now = station_now(db, sid)
    start, end, errors = _read_range(now.date(), raw_from, raw_to)
    only_unconfirmed = show == "chua-xac-nhan"
    model = None
    if not errors:
        try:
            model = asrun_page(db, sid, start, end, now)
        except InvalidInput as exc:
            errors[exc.field] = exc.detail[:1].upper() + exc.detail[1:] + "."
    query = {"station": sid, "from": start.isoformat(), "to": end.isoformat()}
    return render(
        request,
        "asrun.html",
        status_code=422 if errors else 200,
        model=model,
        errors=errors,
        form={"from": raw_from or start.isoformat(), "to": raw_to or end.isoformat()},
        start=start,
        end=end,
        only_unconfirmed=only_unconfirmed,
        all_url="/xac-nhan-phat?" + urlencode(query),
        unconfirmed_url="/xac-nhan-phat?" + urlencode({**query, "show": "chua-xac-nhan"}),
        report_url="/bao-cao?" + urlencode(query),
        can_log=actor.can(Action.LOG_ASRUN, sid),
        labels=AS_RUN_LABELS,
    )
