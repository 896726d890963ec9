"""Báo cáo: airtime confirmed in the as-run log, as a chart, a table and a CSV download."""

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep
from api.web.context import PageStation, station_today
from api.web.labels import REPORT_GROUP_LABELS
from api.web.pages.schedule import parse_day
from api.web.templating import render
from broadcast.asrun import GROUPINGS, airtime
from broadcast.errors import InvalidInput

router = APIRouter(include_in_schema=False)
TextQ = Annotated[str | None, Query()]


def previous_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before ``today``'s."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _read_form(
    today: date, raw_from: str | None, raw_to: str | None, raw_by: str | None
) -> tuple[date, date, str, dict[str, str]]:
    """The chosen range and grouping; a bad value falls back to the default, with its error."""
    errors: dict[str, str] = {}
    default_from, default_to = previous_month(today)
    start, end = parse_day(raw_from), parse_day(raw_to)
    if raw_from and start is None:
        errors["from"] = "Ngày không hợp lệ (dd/mm/yyyy, từ năm 2000 đến 2100)."
    if raw_to and end is None:
        errors["to"] = "Ngày không hợp lệ (dd/mm/yyyy, từ năm 2000 đến 2100)."
    by = raw_by if raw_by in GROUPINGS else "topic"
    if raw_by and raw_by not in GROUPINGS:
        errors["by"] = "Cách nhóm không hợp lệ."
    return start or default_from, end or default_to, by, errors


@router.get("/bao-cao", response_class=HTMLResponse)
def reports_page(
    request: Request,
    db: DbDep,
    station: PageStation,
    raw_from: Annotated[str | None, Query(alias="from")] = None,
    raw_to: Annotated[str | None, Query(alias="to")] = None,
    by: TextQ = None,
) -> Any:
    """The airtime report of a date range (default: the previous month)."""
    if station is None:
        return render(request, "reports.html", report=None, errors={})
    sid = station.id or 0
    start, end, group, errors = _read_form(station_today(station), raw_from, raw_to, by)
    form = {"from": start.isoformat(), "to": end.isoformat(), "by": group}
    report = None
    if not errors:
        try:
            report = airtime(db, sid, start, end, group)
        except InvalidInput as exc:
            errors[exc.field] = exc.message[:1].upper() + exc.message[1:] + "."
    query = {"station": sid, "from": start.isoformat(), "to": end.isoformat()}
    status = 422 if errors else 200
    return render(
        request,
        "reports.html",
        status_code=status,
        report=report,
        errors=errors,
        form={**form, "from": raw_from or form["from"], "to": raw_to or form["to"]},
        by_options=[(key, REPORT_GROUP_LABELS[key]) for key in GROUPINGS],
        by_label=REPORT_GROUP_LABELS[group],
        chart_url="/reports/airtime/chart.svg?" + urlencode(query),
        csv_url="/reports/airtime?" + urlencode({**query, "by": group, "format": "csv"}),
        asrun_url="/xac-nhan-phat?" + urlencode(query),
        start=start,
        end=end,
    )
