"""Reports up the tree: a unit's roll-up of the stations beneath it, for a period or a month.

models.py      the roll-up as the API returns it (per station, per unit, total, bulletins)
counts.py      sessions planned/exported/aired/unconfirmed of many stations, grouped in SQL
airtime.py     confirmed airtime by topic and event of many stations, in one query
report.py      the roll-up of a unit: station figures, unit subtotals, a grand total
bulletins.py   bulletin delivery and airing: the extension point for broadcast/bulletins
monthly.py     the monthly report a commune sends up (one calendar month)
csv_export.py  the roll-up as CSV for Excel (Vietnamese headers, UTF-8 with BOM)
"""

from broadcast.rollup.csv_export import unit_report_csv
from broadcast.rollup.models import (
    AirtimeGroup,
    BulletinDelivery,
    Figures,
    SessionCounts,
    StationFigures,
    UnitFigures,
    UnitReport,
)
from broadcast.rollup.monthly import month_label, month_range, monthly_report
from broadcast.rollup.report import unit_report

__all__ = [
    "AirtimeGroup",
    "BulletinDelivery",
    "Figures",
    "SessionCounts",
    "StationFigures",
    "UnitFigures",
    "UnitReport",
    "month_label",
    "month_range",
    "monthly_report",
    "unit_report",
    "unit_report_csv",
]
