"""A unit's roll-up for a period: every station beneath it, each unit's subtotal, a grand total.

Counts come from grouped queries over all the stations at once (counts.py, airtime.py); unit
subtotals and the total are sums of the stations' figures, so they always add up.
"""

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from broadcast.access import Scope
from broadcast.access.units import units_under
from broadcast.models.station import Station, Unit
from broadcast.programming import check_range
from broadcast.rollup.airtime import BY, Key, new_groups, stations_airtime
from broadcast.rollup.bulletins import bulletin_delivery
from broadcast.rollup.counts import session_counts
from broadcast.rollup.models import (
    AirtimeGroup,
    Figures,
    SessionCounts,
    StationFigures,
    UnitFigures,
    UnitReport,
)

COUNTS = ("planned", "exported", "aired", "partly", "not_aired", "unconfirmed")


class _Tally:
    """Figures being summed: session counts, and seconds and airings per topic and event."""

    def __init__(self) -> None:
        self.counts: dict[str, float] = defaultdict(float)
        self.groups = new_groups()

    def add(self, counts: SessionCounts, groups: dict[str, dict[Key, list[float]]]) -> None:
        for name in (*COUNTS, "asrun_seconds"):
            self.counts[name] += getattr(counts, name)
        for by in BY:
            for key, (seconds, airings) in groups.get(by, {}).items():
                self.groups[by][key][0] += seconds
                self.groups[by][key][1] += airings

    def figures(self) -> dict[str, Any]:
        """The public fields of Figures, rounded once at the end."""
        sessions = SessionCounts(
            **{name: int(self.counts[name]) for name in COUNTS},
            asrun_seconds=round(self.counts["asrun_seconds"], 3),
        )
        lines = {
            by: [
                AirtimeGroup(
                    key=key,
                    label=label,
                    seconds=round(seconds, 3),
                    minutes=round(seconds / 60, 2),
                    airings=int(airings),
                )
                for (key, label), (seconds, airings) in sorted(self.groups[by].items())
            ]
            for by in BY
        }
        total = sum(seconds for seconds, _airings in self.groups["event"].values())
        return {
            "sessions": sessions,
            "by_topic": lines["topic"],
            "by_event": lines["event"],
            "seconds": round(total, 3),
            "minutes": round(total / 60, 2),
        }


def _depths(units: dict[int, Unit], root: int) -> dict[int, int]:
    depths: dict[int, int] = {}
    for unit_id in units:
        depth, current = 0, unit_id
        while current != root and units[current].parent_id in units:
            depth, current = depth + 1, units[current].parent_id or 0
        depths[unit_id] = depth
    return depths


def _tree_order(units: dict[int, Unit], root: int) -> list[int]:
    """Units depth first from the root, children by name."""
    children: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in units.values():
        if unit.id != root:
            children[unit.parent_id].append(unit)
    order: list[int] = []
    todo = [root]
    while todo:
        current = todo.pop()
        order.append(current)
        kids = sorted(children.get(current, []), key=lambda u: (u.name, u.id or 0), reverse=True)
        todo.extend(u.id or 0 for u in kids)
    return order


def unit_report(
    db: Session, scope: Scope, unit_id: int, start: date, end: date, now: datetime | None = None
) -> UnitReport:
    """The roll-up of a unit the caller reads, over the stations beneath it they see."""
    root = scope.unit(unit_id)
    check_range(start, end)
    ids = units_under(db.connection(), [unit_id])
    units = {u.id or 0: u for u in db.exec(select(Unit).where(col(Unit.id).in_(ids)))}
    query = select(Station).where(col(Station.unit_id).in_(ids)).order_by(col(Station.id))
    mine = scope.station_ids()
    stations = [s for s in db.exec(query) if mine is None or s.id in mine]
    sids = [s.id or 0 for s in stations]
    counts = session_counts(db, stations, start, end, now or datetime.now(UTC))
    airtime = stations_airtime(db, sids, start, end)
    tallies = {uid: _Tally() for uid in units}
    total, station_lines = _Tally(), []
    below: dict[int, list[int]] = defaultdict(list)
    for station in stations:
        sid = station.id or 0
        own = _Tally()
        own.add(counts[sid], airtime.get(sid, {}))
        station_lines.append(
            StationFigures(
                station_id=sid, station_name=station.name, unit_id=station.unit_id, **own.figures()
            )
        )
        total.add(counts[sid], airtime.get(sid, {}))
        current: int | None = station.unit_id
        while current in units:
            tallies[current].add(counts[sid], airtime.get(sid, {}))
            below[current].append(sid)
            current = None if current == unit_id else units[current].parent_id
    depths = _depths(units, unit_id)
    fields: dict[str, Any] = {
        "unit_id": unit_id,
        "unit_name": root.name,
        "kind": root.kind,
        "from": start,
        "to": end,
        "stations": station_lines,
        "units": [
            UnitFigures(
                unit_id=uid,
                unit_name=units[uid].name,
                kind=units[uid].kind,
                parent_id=units[uid].parent_id,
                depth=depths[uid],
                station_ids=below[uid],
                **tallies[uid].figures(),
            )
            for uid in _tree_order(units, unit_id)
        ],
        "total": Figures(**total.figures()),
        "bulletins": bulletin_delivery(db, sids, start, end),
    }
    return UnitReport.model_validate(fields)
