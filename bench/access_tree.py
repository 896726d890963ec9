"""Cost of knowing who may see what in a province: the actor of a commune's user and of the
province's, against reading the whole organisation tree on every request (the way before).

Run from the repository root: `.venv/bin/python bench/access_tree.py [--stations N ...]`.
For each N (default 100 and 1,000) it builds, in a fresh SQLite database in a temporary
folder, a province unit with N commune units under it, a station in each, an editor holding a
role on one commune and an admin holding one on the province. It times, best of 5 runs of 50
calls each: `actor_for` (what every request of a logged-in user computes), and the two tree
reads inside it, `units_under` + `stations_under`, as they are now (one recursive query each)
and as the baseline did them (every unit's id and parent read, the tree walked in Python,
then the stations of the units found). Prints per N and user:
`actor_ms=<x> tree_ms=<y> baseline_tree_ms=<z> ratio=<baseline / tree>`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import Session, SQLModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from broadcast.access.units import stations_under, units_under  # noqa: E402
from broadcast.accounts.users import actor_for  # noqa: E402
from broadcast.db import get_engine, init_db  # noqa: E402
from broadcast.models import Station, Unit, UnitKind  # noqa: E402
from broadcast.models.accounts import Role, User, UserRole  # noqa: E402

CALLS = 50


def baseline_tree(conn: Connection, unit_ids: Iterable[int]) -> frozenset[int]:
    """The stations under the units, as before: the whole tree read and walked in Python."""
    unit = SQLModel.metadata.tables["unit"]
    children: dict[int | None, list[int]] = {}
    for row in conn.execute(select(unit.c.id, unit.c.parent_id)).all():
        children.setdefault(row.parent_id, []).append(row.id)
    found: set[int] = set()
    todo = list(unit_ids)
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, ()))
    station = SQLModel.metadata.tables["station"]
    rows = conn.execute(select(station.c.id).where(station.c.unit_id.in_(found))).all()
    return frozenset(row.id for row in rows)


def current_tree(conn: Connection, unit_ids: Iterable[int]) -> frozenset[int]:
    """The stations under the units, now, as actor_for asks the access path (it also keeps
    the units found)."""
    seeds = list(unit_ids)
    units_under(conn, seeds)
    return stations_under(conn, seeds)


def best_ms(call: Callable[[], Any]) -> float:
    """Milliseconds per call, best of 5 runs of CALLS calls."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(CALLS):
            call()
        runs.append((time.perf_counter() - start) * 1000 / CALLS)
    return min(runs)


def build(db: Session, stations: int) -> tuple[User, User, int, int]:
    """The province, its communes and stations, a commune editor and a province admin."""
    province = Unit(name="Tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE)
    db.add(province)
    db.flush()
    communes = [
        Unit(name=f"Xã {n}", kind=UnitKind.COMMUNE, parent_id=province.id) for n in range(stations)
    ]
    db.add_all(communes)
    db.flush()
    db.add_all(Station(name=f"Đài xã {n}", unit_id=u.id) for n, u in enumerate(communes))
    editor = User(username="bientap", password_hash="-")  # never logs in
    admin = User(username="quantri", password_hash="-")
    db.add_all([editor, admin])
    db.flush()
    commune_id, province_id = communes[0].id or 0, province.id or 0
    db.add(UserRole(user_id=editor.id or 0, role=Role.EDITOR, unit_id=commune_id))
    db.add(UserRole(user_id=admin.id or 0, role=Role.ADMIN, unit_id=province_id))
    db.flush()
    return editor, admin, commune_id, province_id


def report(db: Session, stations: int, who: str, user: User, unit_id: int) -> None:
    """Time one user's actor and tree reads, now and as the baseline did them; print them."""
    conn = db.connection()
    assert current_tree(conn, [unit_id]) == baseline_tree(conn, [unit_id])
    actor = best_ms(lambda: actor_for(db, user))
    tree = best_ms(lambda: current_tree(conn, [unit_id]))
    base = best_ms(lambda: baseline_tree(conn, [unit_id]))
    print(
        f"stations={stations} user={who} actor_ms={actor:.2f} tree_ms={tree:.2f} "
        f"baseline_tree_ms={base:.2f} ratio={base / tree:.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    for stations in args.stations:
        folder = Path(tempfile.mkdtemp(prefix="loa-bench-tree-"))
        engine = get_engine(f"sqlite:///{folder / 'loa.db'}")
        init_db(engine)
        with Session(engine) as db:
            editor, admin, commune_id, province_id = build(db, stations)
            report(db, stations, "commune", editor, commune_id)
            report(db, stations, "province", admin, province_id)
        engine.dispose()


if __name__ == "__main__":
    main()
