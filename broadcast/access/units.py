"""The organisation tree as the access path reads it: which units and stations lie under a unit.

Core queries on a connection (the audit hook calls these inside a flush). The tree is walked
in the database by one recursive query (WITH RECURSIVE, on SQLite and PostgreSQL), so a commune
user's request reads its own few rows, not a province of a thousand units; UNION (not UNION
ALL) stops at a unit already found, should a cycle ever be stored.
"""

import functools
from collections.abc import Iterable

from sqlalchemy import Connection, Select, bindparam, select
from sqlmodel import SQLModel


@functools.cache
def _below() -> Select[tuple[int]]:
    """Ids of the units in the ``ids`` parameter and of every unit below them (built once)."""
    unit = SQLModel.metadata.tables["unit"]
    given = unit.c.id.in_(bindparam("ids", expanding=True))
    found = select(unit.c.id).where(given).cte("below", recursive=True)
    child = unit.alias("child")
    found = found.union(select(child.c.id).where(child.c.parent_id == found.c.id))
    return select(found.c.id)


@functools.cache
def _stations_below() -> Select[tuple[int]]:
    """Ids of the stations of the units in the ``ids`` parameter and below them (built once)."""
    station = SQLModel.metadata.tables["station"]
    return select(station.c.id).where(station.c.unit_id.in_(_below()))


def units_under(conn: Connection, unit_ids: Iterable[int]) -> frozenset[int]:
    """The units given and every unit below them."""
    given = frozenset(unit_ids)
    if not given:
        return given
    rows = conn.execute(_below(), {"ids": sorted(given)})
    return given | frozenset(row.id for row in rows)


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
    given = frozenset(unit_ids)
    if not given:
        return frozenset()
    rows = conn.execute(_stations_below(), {"ids": sorted(given)})
    return frozenset(row.id for row in rows)
