"""Speed of a province's roll-up: the unit report over N communes (prints milliseconds).

Run from the repository root: `.venv/bin/python bench/unit_report.py [--stations N ...]
[--postgres URL]`. For each N (default 100 and 1,000) it builds, with direct inserts into a
fresh database (SQLite in a temporary folder; with --postgres, a throw-away database on that
server, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres), a province of N
communes with one station each: 2 sessions a day for a month, 4 items a session (a 3-minute
provincial bulletin and 3 own announcements of 45 s) tagged with topics of 3 events, and
as-run for most of them (aired, partly, not aired; some unconfirmed). It then times
`unit_report` for the province over that month (best of 3) and prints
`unit_report_ms=<x> stations=<n> queries=<q>`, and at the end the ratio of the largest N to the
smallest (linear growth: about the ratio of the stations).
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, make_url, text
from sqlmodel import Session, SQLModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from broadcast import models as m  # noqa: E402
from broadcast.access import SYSTEM, Scope  # noqa: E402
from broadcast.db import get_engine, init_db  # noqa: E402
from broadcast.models.asrun import AsRun, AsRunStatus  # noqa: E402
from broadcast.rollup import unit_report  # noqa: E402

MONTH = date(2026, 11, 1)
DAYS = calendar.monthrange(MONTH.year, MONTH.month)[1]
NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
ITEMS = (
    ("Bản tin tỉnh", 180.0),
    ("Thông báo 1", 45.0),
    ("Thông báo 2", 45.0),
    ("Thông báo 3", 45.0),
)


def _rows(model: type[SQLModel], count: int, make: Any) -> list[dict[str, Any]]:
    """Column values of ``count`` rows of ``model`` (its defaults filled in by the model)."""
    return [model(**make(i)).model_dump() for i in range(count)]  # type: ignore[call-arg]


def _put(db: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    if rows:
        db.connection().execute(insert(model.__table__), rows)  # type: ignore[attr-defined]


def build(engine: Engine, stations: int, seed: int = 7) -> int:
    """The province and its communes, stations, sessions and as-run; the province's id."""
    rng = random.Random(seed)
    with Session(engine) as db:
        _put(
            db,
            m.Unit,
            [{"id": 1, "name": "Tỉnh Thử", "kind": m.UnitKind.PROVINCE, "parent_id": None}],
        )
        _put(
            db,
            m.Unit,
            _rows(
                m.Unit,
                stations,
                lambda i: {
                    "id": i + 2,
                    "name": f"Xã {i + 1:04d}",
                    "kind": m.UnitKind.COMMUNE,
                    "parent_id": 1,
                },
            ),
        )
        _put(
            db,
            m.Station,
            _rows(
                m.Station,
                stations,
                lambda i: {"id": i + 1, "name": f"Đài xã {i + 1:04d}", "unit_id": i + 2},
            ),
        )
        _put(db, m.Campaign, [m.Campaign(id=1, station_id=1, title="Chiến dịch").model_dump()])
        _put(
            db,
            m.Event,
            _rows(
                m.Event, 3, lambda i: {"id": i + 1, "campaign_id": 1, "name": f"Sự kiện {i + 1}"}
            ),
        )
        _put(
            db,
            m.Phase,
            _rows(
                m.Phase,
                3,
                lambda i: {
                    "id": i + 1,
                    "campaign_id": 1,
                    "event_id": i + 1,
                    "title": f"Giai đoạn {i + 1}",
                    "starts_on": MONTH,
                    "ends_on": MONTH + timedelta(days=DAYS),
                },
            ),
        )
        _put(
            db,
            m.Topic,
            _rows(
                m.Topic,
                6,
                lambda i: {"id": i + 1, "phase_id": i // 2 + 1, "text": f"Chủ đề {i + 1}"},
            ),
        )
        slots = [
            {"id": s * 2 + k + 1, "station_id": s + 1, "name": name, "start": start}
            for s in range(stations)
            for k, (name, start) in enumerate((("Sáng", clock(6, 30)), ("Chiều", clock(17))))
        ]
        _put(db, m.SessionSlot, _rows(m.SessionSlot, len(slots), lambda i: slots[i]))
        segs = [
            {"id": s * 4 + k + 1, "station_id": s + 1, "title": title}
            for s in range(stations)
            for k, (title, _len) in enumerate(ITEMS)
        ]
        _put(db, m.Segment, _rows(m.Segment, len(segs), lambda i: segs[i]))
        phase_links, topic_links = [], []
        for seg in segs:
            phase = seg["id"] % 3 + 1
            phase_links.append({"segment_id": seg["id"], "phase_id": phase})
            topic_links.append({"segment_id": seg["id"], "topic_id": phase * 2 - seg["id"] % 2})
        _put(db, m.SegmentPhaseLink, phase_links)
        _put(db, m.SegmentTopicLink, topic_links)
        template = m.BroadcastSession(station_id=1, slot_id=1, day=MONTH).model_dump()
        total = sum(length for _t, length in ITEMS)
        sessions, items, asrun = [], [], []
        for s in range(stations):
            for day in range(DAYS):
                for k in range(2):
                    sid = len(sessions) + 1
                    when = MONTH + timedelta(days=day)
                    sessions.append(
                        template
                        | {
                            "id": sid,
                            "station_id": s + 1,
                            "slot_id": s * 2 + k + 1,
                            "day": when,
                            "status": "exported" if rng.random() < 0.9 else "generated",
                            "total_s": total,
                        }
                    )
                    offset = 0.0
                    for position, (_title, length) in enumerate(ITEMS):
                        items.append(
                            {
                                "id": len(items) + 1,
                                "playlist_id": sid,
                                "position": position,
                                "segment_id": s * 4 + position + 1,
                                "start_offset_s": offset,
                                "duration_s": length,
                                "reason": "bench",
                                "pinned": False,
                            }
                        )
                        offset += length
                    roll = rng.random()
                    if roll < 0.05:
                        continue  # unconfirmed
                    status, until = (
                        (AsRunStatus.AIRED, None)
                        if roll < 0.85
                        else (AsRunStatus.PARTLY, 200.0)
                        if roll < 0.95
                        else (AsRunStatus.NOT_AIRED, None)
                    )
                    aired = {AsRunStatus.AIRED: total, AsRunStatus.PARTLY: 200.0}.get(status, 0.0)
                    asrun.append(
                        {
                            "id": len(asrun) + 1,
                            "station_id": s + 1,
                            "status": status.value,
                            "note": "",
                            "playlist_id": sid,
                            "day": when,
                            "slot_id": s * 2 + k + 1,
                            "aired_until_s": until,
                            "aired_s": aired,
                            "source": "operator",
                            "confirmed_at": NOW,
                        }
                    )
        _put(db, m.BroadcastSession, sessions)
        _put(db, m.PlaylistItem, items)
        _put(db, AsRun, asrun)
        db.commit()
    return 1


def timed(engine: Engine, unit_id: int, stations: int) -> tuple[float, int]:
    """Best of 3 runs of the province's month roll-up (ms), and the statements one run issued."""
    end = MONTH.replace(day=DAYS)
    statements = [0]

    def count(*_args: Any) -> None:
        statements[0] += 1

    best = float("inf")
    for _run in range(3):
        statements[0] = 0
        event.listen(engine, "before_cursor_execute", count)
        with Session(engine) as db:
            started = time.perf_counter()
            report = unit_report(db, Scope(db, SYSTEM), unit_id, MONTH, end, NOW)
            best = min(best, (time.perf_counter() - started) * 1000)
        event.remove(engine, "before_cursor_execute", count)
        assert (
            len(report.stations) == stations
            and report.total.sessions.planned == stations * 2 * DAYS
        )
    return best, statements[0]


def drop_database(server: str, name: str, create: bool = False) -> None:
    """Drop database ``name`` on the PostgreSQL server if it exists (and create it empty)."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def fresh_database(server: str, name: str) -> str:
    """An empty database ``name`` on the PostgreSQL server (dropped first if left over)."""
    drop_database(server, name, create=True)
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--postgres", default=None, help="a PostgreSQL server's URL")
    args = parser.parse_args()
    figures: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for stations in args.stations:
            url = f"sqlite:///{Path(folder) / f'province-{stations}.db'}"
            if args.postgres:
                url = fresh_database(args.postgres, f"loa_bench_unit_report_{stations}")
            engine = get_engine(url)
            init_db(engine)
            started = time.perf_counter()
            unit_id = build(engine, stations)
            print(f"built stations={stations} in {time.perf_counter() - started:.1f}s")
            ms, queries = timed(engine, unit_id, stations)
            print(f"unit_report_ms={ms:.0f} stations={stations} queries={queries}")
            engine.dispose()
            if args.postgres:
                drop_database(args.postgres, f"loa_bench_unit_report_{stations}")
            figures.append((stations, ms))
    if len(figures) > 1:
        (small, small_ms), (large, large_ms) = figures[0], figures[-1]
        print(f"unit_report_ratio={large_ms / small_ms:.1f} stations_ratio={large / small:.0f}")


if __name__ == "__main__":
    main()
