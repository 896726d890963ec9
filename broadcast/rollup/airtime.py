"""Confirmed airtime of many stations by topic and by event, read in one grouped query.

Each item of a confirmed session counts as the station airtime report counts it
(``aired_part`` of the as-run row, attributed by ``Attribution``, topics splitting evenly).
"""

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from broadcast.asrun import GENERAL, Attribution, aired_part
from broadcast.models import PlaylistItem
from broadcast.models.asrun import AsRun

BY = ("topic", "event")
Key = tuple[str, str]
# station → "topic"/"event" → (key, label) → [seconds, airings]
Airtime = dict[int, dict[str, dict[Key, list[float]]]]


def new_groups() -> dict[str, dict[Key, list[float]]]:
    """Empty groups for each way of grouping."""
    return {by: defaultdict(lambda: [0.0, 0]) for by in BY}  # type: ignore[misc]


def _split(lookup: Attribution, segment_id: int, day: date) -> list[tuple[str, Key, float]]:
    """(grouping, key, share of the airing) an airing of the segment on ``day`` counts for."""
    found = []
    for by in BY:
        keys = lookup.keys(by, segment_id, day) or [("~", GENERAL)]
        found += [(by, key, 1 / len(keys)) for key in keys]
    return found


def stations_airtime(db: Session, station_ids: Collection[int], start: date, end: date) -> Airtime:
    """Seconds and airings per topic and per event of each station's confirmed sessions."""
    found: Airtime = {}
    if not station_ids:
        return found
    columns = (
        col(AsRun.station_id),
        col(AsRun.day),
        col(AsRun.aired_until_s),
        col(PlaylistItem.segment_id),
        col(PlaylistItem.start_offset_s),
        col(PlaylistItem.duration_s),
    )
    query = (
        select(*columns, func.count())
        .join(PlaylistItem, col(PlaylistItem.playlist_id) == AsRun.playlist_id)
        .where(col(AsRun.station_id).in_(station_ids), col(AsRun.aired_s) > 0)
        .where(col(AsRun.day) >= start, col(AsRun.day) <= end)
        .group_by(*columns)
    )
    lookup = Attribution(db)
    shares: dict[tuple[int, date], list[tuple[str, Key, float]]] = {}
    for station_id, day, until, segment_id, offset, duration, count in (
        db.connection().execute(query).all()
    ):
        seconds = aired_part(offset, duration, until) * count
        if seconds <= 0:
            continue
        groups = found.get(station_id)
        if groups is None:
            groups = found[station_id] = new_groups()
        split = shares.get((segment_id, day))
        if split is None:
            split = shares[(segment_id, day)] = _split(lookup, segment_id, day)
        for by, key, share in split:
            tally = groups[by][key]
            tally[0] += seconds * share
            tally[1] += count
    return found
