"""A job's station, written when the job is inserted, whichever code queued it."""

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from broadcast.access.owners import JOB_LINKS, param_int
from broadcast.models import Job


def job_station(connection: Connection, params: dict[str, Any]) -> int | None:
    """The one station a job works for, by the parameter the access path reads first (the
    station it names, its session's, its segment's); None for a job of several or none."""
    for key, table_name in JOB_LINKS:
        row_id = param_int(params.get(key))
        if row_id is None:
            continue
        if table_name == "station":
            return row_id
        table = SQLModel.metadata.tables[table_name]
        return connection.execute(select(table.c.station_id).where(table.c.id == row_id)).scalar()
    return None


@event.listens_for(Job, "before_insert")
def _own(_mapper: Any, connection: Connection, job: Job) -> None:
    """Name the job's station unless the caller did."""
    if job.station_id is None:
        job.station_id = job_station(connection, job.params or {})
