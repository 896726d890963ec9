"""The chart of a unit's roll-up: sessions planned, exported and aired per unit or station below."""

from api.web.svg.bars import paired_bars
from broadcast.rollup import Figures, UnitReport


def _rows(report: UnitReport) -> list[tuple[str, Figures]]:
    """The units right below the report's unit (their subtotals), then its own stations."""
    units = [(u.unit_name, u) for u in report.units if u.parent_id == report.unit_id]
    here = [(s.station_name, s) for s in report.stations if s.unit_id == report.unit_id]
    return [*units, *here]


def unit_report_chart(report: UnitReport) -> str:
    """SVG: planned, exported and aired (fully or partly) sessions per unit or station below."""
    rows = _rows(report)
    title = (
        f"Buổi phát dự kiến và đã phát — {report.unit_name} "
        f"({report.start:%d/%m/%Y} – {report.end:%d/%m/%Y})"
    )
    series = {
        "Dự kiến": [float(f.sessions.planned) for _n, f in rows],
        "Đã xuất": [float(f.sessions.exported) for _n, f in rows],
        "Đã phát (cả phát một phần)": [
            float(f.sessions.aired + f.sessions.partly) for _n, f in rows
        ],
    }
    return paired_bars(title, [name for name, _f in rows], series, "buổi")
