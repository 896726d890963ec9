"""Báo cáo đơn vị: a unit's roll-up for a period (chart, tables, CSV) and its printable monthly
report (Báo cáo tháng)."""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep, RowId
from api.web.context import PageActor, PageStation, station_today
from api.web.denied import not_found_page
from api.web.pages.reports import previous_month
from api.web.pages.schedule import parse_day
from api.web.templating import render
from broadcast.access import Scope
from broadcast.errors import InvalidInput, NotFound
from broadcast.rollup import month_label, month_range, unit_report
from broadcast.units import UNIT_KIND_LABELS

router = APIRouter(include_in_schema=False)
TextQ = Annotated[str | None, Query()]
BAD_DAY = "Ngày không hợp lệ (dd/mm/yyyy, từ năm 2000 đến 2100)."


def _sentence(exc: InvalidInput) -> str:
    return exc.message[:1].upper() + exc.message[1:] + "."


@router.get("/don-vi/{unit_id:int}/bao-cao", response_class=HTMLResponse)
def unit_report_page(
    unit_id: RowId,
    request: Request,
    db: DbDep,
    actor: PageActor,
    station: PageStation,
    raw_from: Annotated[str | None, Query(alias="from")] = None,
    raw_to: Annotated[str | None, Query(alias="to")] = None,
) -> Any:
    """The roll-up of a unit over a period (default: the previous month)."""
    scope = Scope(db, actor)
    try:
        unit = scope.unit(unit_id)
    except NotFound:
        return not_found_page(request, f"đơn vị số {unit_id}")
    default_from, default_to = previous_month(station_today(station))
    start, end = parse_day(raw_from), parse_day(raw_to)
    errors = {
        field: BAD_DAY
        for field, raw, day in (("from", raw_from, start), ("to", raw_to, end))
        if raw and day is None
    }
    start, end = start or default_from, end or default_to
    report = None
    if not errors:
        try:
            report = unit_report(db, scope, unit_id, start, end)
        except InvalidInput as exc:
            errors[exc.field] = _sentence(exc)
    query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    return render(
        request,
        "unit_report.html",
        status_code=422 if errors else 200,
        unit=unit,
        kind_label=UNIT_KIND_LABELS[unit.kind],
        report=report,
        errors=errors,
        form={"from": raw_from or start.isoformat(), "to": raw_to or end.isoformat()},
        month=start.strftime("%Y-%m"),
        chart_url=f"/units/{unit_id}/report/chart.svg?{query}",
        csv_url=f"/units/{unit_id}/report?{query}&format=csv",
        json_url=f"/units/{unit_id}/report?{query}",
        kind_labels=UNIT_KIND_LABELS,
        start=start,
        end=end,
    )


@router.get("/don-vi/{unit_id:int}/bao-cao-thang", response_class=HTMLResponse)
def monthly_report_page(
    unit_id: RowId,
    request: Request,
    db: DbDep,
    actor: PageActor,
    station: PageStation,
    thang: TextQ = None,
) -> Any:
    """The printable monthly report of a unit (default: the previous month)."""
    month = thang or previous_month(station_today(station))[0].strftime("%Y-%m")
    scope = Scope(db, actor)
    try:
        unit = scope.unit(unit_id)
    except NotFound:
        return not_found_page(request, f"đơn vị số {unit_id}")
    try:
        start, end = month_range(month, "thang")
    except InvalidInput as exc:
        return render(
            request,
            "unit_monthly.html",
            status_code=422,
            unit=unit,
            report=None,
            month=month,
            error=_sentence(exc),
        )
    report = unit_report(db, scope, unit_id, start, end)
    return render(
        request,
        "unit_monthly.html",
        unit=unit,
        kind_label=UNIT_KIND_LABELS[unit.kind],
        kind_labels=UNIT_KIND_LABELS,
        report=report,
        month=month,
        title=month_label(start),
        error=None,
        csv_url=f"/units/{unit_id}/report/monthly?" + urlencode({"month": month, "format": "csv"}),
    )
