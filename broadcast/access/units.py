"""The organisation tree as the access path reads it: which units and stations lie under a unit.

Core queries on a connection (the audit hook calls these inside a flush); the tree is small
(a province has at most a few thousand units), so it is read whole.
"""

from collections.abc import Iterable

from sqlalchemy import Connection, select
from sqlmodel import SQLModel


def _children(conn: Connection) -> dict[int | None, list[int]]:
    unit = SQLModel.metadata.tables["unit"]
    children: dict[int | None, list[int]] = {}
    for row in conn.execute(select(unit.c.id, unit.c.parent_id)).all():
        children.setdefault(row.parent_id, []).append(row.id)
    return children


def units_under(conn: Connection, unit_ids: Iterable[int]) -> frozenset[int]:
    """The units given and every unit below them."""
    children = _children(conn)
    found: set[int] = set()
    todo = list(unit_ids)
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo.extend(children.get(current, ()))
    return frozenset(found)


def ancestors(conn: Connection, unit_id: int) -> list[int]:
    """The unit's parents, nearest first (stops at a cycle, which the tree never stores)."""
    unit = SQLModel.metadata.tables["unit"]
    parents = {row.id: row.parent_id for row in conn.execute(select(unit.c.id, unit.c.parent_id))}
    found: list[int] = []
    current = parents.get(unit_id)
    while current is not None and current not in found and current != unit_id:
        found.append(current)
        current = parents.get(current)
    return found


def stations_under(conn: Connection, unit_ids: Iterable[int]) -> frozenset[int]:
    """The stations of the units given and of every unit below them."""
    units = units_under(conn, unit_ids)
    if not units:
        return frozenset()
    station = SQLModel.metadata.tables["station"]
    rows = conn.execute(select(station.c.id).where(station.c.unit_id.in_(units))).all()
    return frozenset(row.id for row in rows)
