"""Airtime report for the district: JSON, CSV, and an SVG chart of minutes per event per week."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from api.auth import ScopeDep
from api.deps import DbDep
from api.openapi import SVG, file_answer
from api.web.svg.chart import stacked_bars
from broadcast.asrun import airtime, airtime_csv, minutes_by_event_week
from broadcast.models.common import MAX_ID

router = APIRouter(prefix="/reports", tags=["reports"])
StationQ = Annotated[int, Query(ge=1, le=MAX_ID, alias="station")]
FromQ = Annotated[date, Query(alias="from")]
ToQ = Annotated[date, Query(alias="to")]


@router.get("/airtime", response_model=None, responses=file_answer("application/json", "text/csv"))
def get_airtime(
    db: DbDep,
    scope: ScopeDep,
    station: StationQ,
    start: FromQ,
    end: ToQ,
    by: Literal["topic", "event", "phase", "week", "month"] = "topic",
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Minutes and airings confirmed in the as-run log, grouped by topic/event/phase/week/month."""
    scope.station(station)
    report = airtime(db, station, start, end, by)
    if format == "csv":
        name = f"airtime-{by}-{start.isoformat()}-{end.isoformat()}.csv"
        return Response(
            airtime_csv(report).encode("utf-8-sig"),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )
    return report


@router.get("/airtime/chart.svg", response_class=Response, responses=file_answer(SVG))
def get_chart(db: DbDep, scope: ScopeDep, station: StationQ, start: FromQ, end: ToQ) -> Response:
    """SVG chart: confirmed minutes per event per week."""
    scope.station(station)
    weeks, series = minutes_by_event_week(db, station, start, end)
    title = f"Số phút phát theo sự kiện, từng tuần ({start:%d/%m/%Y} – {end:%d/%m/%Y})"
    return Response(stacked_bars(title, weeks, series), media_type="image/svg+xml")
