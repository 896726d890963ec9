"""A unit's roll-up as CSV for Excel: Vietnamese headers, UTF-8 with a byte order mark.

One table: a line per station, per unit (its subtotal) and the total, then the total's minutes
per topic and per event (their session columns left empty).
"""

import csv
import io

from broadcast.rollup.models import AirtimeGroup, Figures, UnitReport

HEADER = (
    "Phần",
    "Mã",
    "Tên",
    "Thuộc đơn vị",
    "Buổi dự kiến",
    "Buổi đã xuất",
    "Buổi đã phát",
    "Buổi phát một phần",
    "Buổi không phát",
    "Buổi chưa xác nhận",
    "Số phút đã phát",
    "Lượt phát",
)


def _figures(figures: Figures) -> list[str | int]:
    s = figures.sessions
    airings = sum(g.airings for g in figures.by_event)
    counts = [s.planned, s.exported, s.aired, s.partly, s.not_aired, s.unconfirmed]
    return [*counts, f"{figures.minutes:.2f}", airings]


def _group(section: str, group: AirtimeGroup) -> list[str | int]:
    return [section, group.key, group.label, "", *[""] * 6, f"{group.minutes:.2f}", group.airings]


def unit_report_csv(report: UnitReport) -> bytes:
    """The report as CSV bytes (UTF-8 with BOM, so Excel reads the Vietnamese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    names = {u.unit_id: u.unit_name for u in report.units}
    for station in report.stations:
        unit = names.get(station.unit_id or 0, "")
        writer.writerow(["Đài", station.station_id, station.station_name, unit, *_figures(station)])
    for line in report.units:
        parent = names.get(line.parent_id or 0, "")
        writer.writerow(["Đơn vị", line.unit_id, line.unit_name, parent, *_figures(line)])
    writer.writerow(["Tổng cộng", report.unit_id, report.unit_name, "", *_figures(report.total)])
    for group in report.total.by_topic:
        writer.writerow(_group("Chủ đề", group))
    for group in report.total.by_event:
        writer.writerow(_group("Sự kiện", group))
    return out.getvalue().encode("utf-8-sig")
