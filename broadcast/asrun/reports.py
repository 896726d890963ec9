"""Airtime report from the as-run log: minutes and airings by topic, event, phase, week, month.

Only what was confirmed as aired counts; unconfirmed sessions are counted apart and add no
minutes. The total equals the sum of the as-run log's aired seconds.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.asrun.past import unconfirmed_count
from broadcast.asrun.service import station_now
from broadcast.asrun.status import session_statuses
from broadcast.models import (
    Event,
    Phase,
    PlaylistItem,
    SegmentPhaseLink,
    SegmentTopicLink,
    Station,
    Topic,
)
from broadcast.models.asrun import AsRun
from broadcast.programming import check_range, list_sessions, phase_live

GROUPINGS = ("topic", "event", "phase", "week", "month")
GENERAL = "(nội dung chung)"


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def week_key(day: date) -> tuple[str, str]:
    """ISO week key and Vietnamese label, e.g. ("2020-W41", "Tuần 41/2020 (05/10–11/10)")."""
    year, week, _ = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    label = f"Tuần {week}/{year} ({monday.strftime('%d/%m')}–{sunday.strftime('%d/%m')})"
    return f"{year}-W{week:02d}", label


class Attribution:
    """Links and labels needed to attribute an airing to its topics, event and phase."""

    def __init__(self, db: Session) -> None:
        self.phases = {p.id: p for p in db.exec(select(Phase))}
        self.events = {e.id: e for e in db.exec(select(Event))}
        self.topics = {t.id: t for t in db.exec(select(Topic))}
        self.seg_phases: dict[int, list[int]] = defaultdict(list)
        self.seg_topics: dict[int, list[int]] = defaultdict(list)
        for link in db.exec(select(SegmentPhaseLink)):
            self.seg_phases[link.segment_id].append(link.phase_id)
        for tlink in db.exec(select(SegmentTopicLink)):
            self.seg_topics[tlink.segment_id].append(tlink.topic_id)
        # Segments with the same links on the same day count for the same groups.
        self._memo: dict[tuple[Any, ...], list[tuple[str, str]]] = {}

    def phase(self, segment_id: int, day: date) -> Phase | None:
        """The linked phase active on ``day`` with the highest weight (peak ×2), lowest id."""
        live = [
            self.phases[p]
            for p in sorted(self.seg_phases.get(segment_id, []))
            if p in self.phases and phase_live(self.phases[p], day)
        ]
        return max(live, key=_weight_on(day), default=None)

    def keys(self, by: str, segment_id: int, day: date) -> list[tuple[str, str]]:
        """(key, label) pairs the airing counts for; topics split the airing evenly (shared
        between calls: not to be changed)."""
        phases, topics = self.seg_phases.get(segment_id, ()), self.seg_topics.get(segment_id, ())
        links = (by, tuple(phases), tuple(topics), day)
        found = self._memo.get(links)
        if found is None:
            found = self._memo[links] = self._keys(by, segment_id, day)
        return found

    def _keys(self, by: str, segment_id: int, day: date) -> list[tuple[str, str]]:
        if by == "week":
            return [week_key(day)]
        if by == "month":
            return [(day.strftime("%Y-%m"), f"Tháng {day.month}/{day.year}")]
        phase = self.phase(segment_id, day)
        if by == "phase":
            return [(f"{phase.id:06d}", f"{phase.code} {_short(phase.title)}")] if phase else []
        if by == "event":
            event = self.events.get(phase.event_id) if phase and phase.event_id else None
            return [(f"{event.id:06d}", event.name)] if event else []
        topics = [
            self.topics[t]
            for t in sorted(self.seg_topics.get(segment_id, []))
            if t in self.topics and (phase is None or self.topics[t].phase_id == phase.id)
        ]
        return [(f"{t.id:06d}", _short(t.text)) for t in topics]


def _weight_on(day: date) -> Any:
    def weight(phase: Phase) -> float:
        peak = phase.peak_starts_on and phase.peak_ends_on
        in_peak = bool(peak) and phase.peak_starts_on <= day <= phase.peak_ends_on  # type: ignore[operator]
        return phase.weight * (2.0 if in_peak else 1.0)

    return weight


def aired_part(start_offset_s: float, duration_s: float, aired_until_s: float | None) -> float:
    """Seconds of an item that went out when its session aired up to ``aired_until_s``."""
    limit = aired_until_s if aired_until_s is not None else float("inf")
    return max(0.0, min(start_offset_s + duration_s, limit) - start_offset_s)


def _airings(db: Session, rows: list[AsRun]) -> Iterator[tuple[date, int, float]]:
    """(day, segment id, seconds aired) of every item of the confirmed sessions."""
    by_playlist = {r.playlist_id: r for r in rows if r.aired_s > 0}
    query = select(PlaylistItem).where(col(PlaylistItem.playlist_id).in_(list(by_playlist)))
    for item in db.exec(query.order_by(col(PlaylistItem.playlist_id), col(PlaylistItem.position))):
        row = by_playlist[item.playlist_id]
        seconds = aired_part(item.start_offset_s, item.duration_s, row.aired_until_s)
        if seconds > 0:
            yield row.day, item.segment_id, seconds


def airtime(
    db: Session, station_id: int, start: date, end: date, by: str, now: datetime | None = None
) -> dict[str, Any]:
    """Minutes and airings per group, with totals and the count of unconfirmed sessions.

    Unconfirmed counts the sessions that had started by ``now`` (station time) and have no
    confirmation: a session still to come is not waiting for one.
    """
    crud.get_or_raise(db, Station, station_id)
    check_range(start, end)
    query = select(AsRun).where(
        AsRun.station_id == station_id, col(AsRun.day) >= start, col(AsRun.day) <= end
    )
    rows = list(db.exec(query))
    lookup = Attribution(db)
    seconds: dict[tuple[str, str], float] = defaultdict(float)
    airings: dict[tuple[str, str], int] = defaultdict(int)
    for day, segment_id, aired in _airings(db, rows):
        keys = lookup.keys(by, segment_id, day) or [("~", GENERAL)]
        for key in keys:
            seconds[key] += aired / len(keys)
            airings[key] += 1
    sessions = [p for p in list_sessions(db, station_id, start, end) if p.day <= end]
    confirmed = session_statuses(db, [p.id or 0 for p in sessions])
    groups = [
        {
            "key": key,
            "label": label,
            "seconds": round(s, 3),
            "minutes": round(s / 60, 2),
            "airings": airings[(key, label)],
        }
        for (key, label), s in sorted(seconds.items())
    ]
    total = sum(seconds.values())
    return {
        "station_id": station_id,
        "from": start,
        "to": end,
        "by": by,
        "groups": groups,
        "total": {
            "seconds": round(total, 3),
            "minutes": round(total / 60, 2),
            "asrun_seconds": round(sum(r.aired_s for r in rows), 3),
            "sessions_confirmed": len(confirmed),
            "sessions_not_aired": sum(1 for s in confirmed.values() if s == "not_aired"),
            "sessions_unconfirmed": unconfirmed_count(
                db, station_id, start, end, now or station_now(db, station_id)
            ),
        },
    }


def airtime_csv(report: dict[str, Any]) -> str:
    """The report as CSV (UTF-8 text): one line per group and a total line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([report["by"], "nhan", "phut", "luot_phat"])
    for group in report["groups"]:
        writer.writerow([group["key"], group["label"], f"{group['minutes']:.2f}", group["airings"]])
    total = report["total"]
    writer.writerow(
        [
            "tong",
            "Tổng cộng",
            f"{total['minutes']:.2f}",
            sum(g["airings"] for g in report["groups"]),
        ]
    )
    return out.getvalue()


def minutes_by_event_week(
    db: Session, station_id: int, start: date, end: date
) -> tuple[list[str], dict[str, dict[str, float]]]:
    """Week labels in order and, per event name, minutes per week key (for the chart)."""
    by_week = airtime(db, station_id, start, end, "week")
    weeks = [g["key"] for g in by_week["groups"]]
    lookup = Attribution(db)
    query = select(AsRun).where(
        AsRun.station_id == station_id, col(AsRun.day) >= start, col(AsRun.day) <= end
    )
    series: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for day, segment_id, aired in _airings(db, list(db.exec(query))):
        keys = lookup.keys("event", segment_id, day) or [("~", GENERAL)]
        week = week_key(day)[0]
        for _key, label in keys:
            series[label][week] += aired / 60 / len(keys)
    return weeks, {name: dict(values) for name, values in sorted(series.items())}
