"""Which stations own a row: followed through its table's links, from plain column values.

Works on a row's values (an ORM row, a snapshot of one, or a row not saved yet) with Core
queries on a connection, so the audit hook can use it inside a flush.

- a set of station ids: the row belongs to those stations;
- the empty set: it belongs to none (only a role on every station reaches it);
- ``SHARED`` (None): it belongs to every station (global lexicon entries, a user with a global
  role, a job made for no station): anyone reads it, only a role on every station changes it.
"""

from collections.abc import Callable, Mapping
from typing import Any, Final

from sqlalchemy import Connection, Table, or_, select
from sqlmodel import SQLModel

from broadcast.access.units import stations_under

Owners = frozenset[int] | None
SHARED: Final = None
NONE: Final[frozenset[int]] = frozenset()

# Tables whose own column names their station (NULL: shared by every station).
DIRECT = {
    "station": "id",
    "campaign": "station_id",
    "segment": "station_id",
    "session_slot": "station_id",
    "playlist": "station_id",
    "asrun": "station_id",
    "scheduler_run": "station_id",
    "lexicon_entry": "station_id",
    "audit_entry": "station_id",
    "library_item": "station_id",
    "device": "station_id",
    "device_asrun": "station_id",
    "alert": "station_id",
    "bulletin_delivery": "station_id",
    "voice_usage": "station_id",
}
# Tables owned through a parent: (column holding the parent's id, parent table).
PARENTS = {
    "event": ("campaign_id", "campaign"),
    "phase": ("campaign_id", "campaign"),
    "topic": ("phase_id", "phase"),
    "plan_import": ("campaign_id", "campaign"),
    "playlist_item": ("playlist_id", "playlist"),
    "export": ("playlist_id", "playlist"),
    "segment_phase": ("segment_id", "segment"),
    "segment_topic": ("segment_id", "segment"),
    "lexicon_change": ("entry_id", "lexicon_entry"),
    "api_token": ("user_id", "user_account"),
    "web_session": ("user_id", "user_account"),
}
# Ids a job's parameters may name, and the table each one points to (first match wins).
JOB_LINKS = (("station_id", "station"), ("playlist_id", "playlist"), ("segment_id", "segment"))


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _values(conn: Connection, table: str, row_id: Any) -> Mapping[str, Any] | None:
    """The stored values of one row, or None when it does not exist."""
    if row_id is None:
        return None
    t = _table(table)
    found = conn.execute(select(t).where(t.c.id == row_id)).mappings().first()
    return None if found is None else dict(found)


def _of_id(conn: Connection, table: str, row_id: Any) -> Owners:
    values = _values(conn, table, row_id)
    return NONE if values is None else owners(conn, table, values)


def _roles(conn: Connection, rows: list[Mapping[str, Any]]) -> Owners:
    """The stations roles are held on: their own, or those under their unit; SHARED for a
    role on every station."""
    if any(row["station_id"] is None and row["unit_id"] is None for row in rows):
        return SHARED
    units = [row["unit_id"] for row in rows if row["unit_id"] is not None]
    stations = {row["station_id"] for row in rows if row["station_id"] is not None}
    return frozenset(stations | (stations_under(conn, units) if units else set()))


def _user(conn: Connection, values: Mapping[str, Any]) -> Owners:
    roles = _table("user_role")
    query = select(roles.c.station_id, roles.c.unit_id).where(roles.c.user_id == values["id"])
    return _roles(conn, [dict(row._mapping) for row in conn.execute(query).all()])


def _user_role(conn: Connection, values: Mapping[str, Any]) -> Owners:
    return _roles(
        conn, [{"station_id": values.get("station_id"), "unit_id": values.get("unit_id")}]
    )


def _job(conn: Connection, values: Mapping[str, Any]) -> Owners:
    params = values.get("params") or {}
    if "station_ids" in params:  # a job for several stations; None: for every one of them
        ids = params["station_ids"]
        return NONE if ids is None else frozenset(int(i) for i in ids)
    for key, table in JOB_LINKS:
        if params.get(key) is not None:
            return _of_id(conn, table, param_int(params[key]))
    return SHARED


def _asset(conn: Connection, values: Mapping[str, Any]) -> Owners:
    """Stations whose segments use the asset, whose jingle or bed it is, or whose library holds
    it."""
    asset_id, segment, station = values["id"], _table("segment"), _table("station")
    library = _table("library_item")
    used = conn.execute(
        select(segment.c.station_id).where(
            or_(segment.c.audio_asset_id == asset_id, segment.c.speech_asset_id == asset_id)
        )
    ).all()
    themes = conn.execute(
        select(station.c.id).where(
            or_(station.c.jingle_asset_id == asset_id, station.c.bed_asset_id == asset_id)
        )
    ).all()
    kept = conn.execute(select(library.c.station_id).where(library.c.asset_id == asset_id)).all()
    return frozenset(row[0] for row in [*used, *themes, *kept])


SPECIAL: dict[str, Callable[[Connection, Mapping[str, Any]], Owners]] = {
    "user_account": _user,
    "user_role": _user_role,
    "job": _job,
    "audio_asset": _asset,
}


def param_int(value: object) -> int | None:
    """An id parameter of a job (stored as JSON: a number or a digit string), else None."""
    try:
        return int(str(value))
    except ValueError:
        return None


def owners(conn: Connection, table: str, values: Mapping[str, Any]) -> Owners:
    """The stations that own a row of `table` with these column values."""
    if table in DIRECT:
        station = values.get(DIRECT[table])
        if station is None:
            return NONE if table in ("audit_entry", "station") else SHARED
        return frozenset({int(station)})
    if table in PARENTS:
        column, parent = PARENTS[table]
        return _of_id(conn, parent, values.get(column))
    if table in SPECIAL:
        return SPECIAL[table](conn, values)
    return NONE


def single_station(found: Owners) -> int | None:
    """The one station owning a row, else None (shared, or several, or none)."""
    return next(iter(found)) if found is not None and len(found) == 1 else None
