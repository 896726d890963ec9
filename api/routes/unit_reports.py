"""Reports up the tree: a unit's roll-up for a period or a month, as JSON, CSV and a chart."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from api.auth import ScopeDep
from api.deps import DbDep, RowId
from api.openapi import SVG, file_answer
from api.web.unit_chart import unit_report_chart
from broadcast.rollup import UnitReport, monthly_report, unit_report, unit_report_csv

router = APIRouter(prefix="/units", tags=["units"])
FromQ = Annotated[date, Query(alias="from")]
ToQ = Annotated[date, Query(alias="to")]
MonthQ = Annotated[str, Query(max_length=20, description="Tháng, dạng YYYY-MM")]
FormatQ = Literal["json", "csv"]
ANSWERS = file_answer("application/json", "text/csv")


def _csv(report: UnitReport, name: str) -> Response:
    return Response(
        unit_report_csv(report),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/{unit_id:int}/report", response_model=UnitReport, responses=ANSWERS)
def get_report(
    unit_id: RowId, db: DbDep, scope: ScopeDep, start: FromQ, end: ToQ, format: FormatQ = "json"
) -> Any:
    """Sessions and airtime of every station beneath the unit, unit subtotals and the total."""
    report = unit_report(db, scope, unit_id, start, end)
    if format == "csv":
        return _csv(report, f"bao-cao-don-vi-{unit_id}-{start.isoformat()}-{end.isoformat()}.csv")
    return report


@router.get("/{unit_id:int}/report/chart.svg", response_class=Response, responses=file_answer(SVG))
def get_report_chart(unit_id: RowId, db: DbDep, scope: ScopeDep, start: FromQ, end: ToQ) -> Any:
    """SVG chart: sessions planned, exported and aired per unit or station right below."""
    report = unit_report(db, scope, unit_id, start, end)
    return Response(unit_report_chart(report), media_type="image/svg+xml")


@router.get("/{unit_id:int}/report/monthly", response_model=UnitReport, responses=ANSWERS)
def get_monthly(
    unit_id: RowId, db: DbDep, scope: ScopeDep, month: MonthQ, format: FormatQ = "json"
) -> Any:
    """The monthly report a unit sends up: its roll-up of one calendar month (YYYY-MM)."""
    report = monthly_report(db, scope, unit_id, month)
    if format == "csv":
        return _csv(report, f"bao-cao-thang-{month.strip()}-don-vi-{unit_id}.csv")
    return report
