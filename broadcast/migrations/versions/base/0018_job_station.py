"""Jobs name the station they work for, so a station's jobs are found by an index.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    """Add `job.station_id` (indexed) and fill it from each job's parameters."""
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("job")}
    if "station_id" not in columns:
        op.add_column("job", sa.Column("station_id", sa.Integer(), nullable=True))
        op.create_index("ix_job_station_id", "job", ["station_id"])
    _fill(bind)


def _fill(bind: sa.engine.Connection) -> None:
    """Each job's station: its session's, its segment's, or the one its parameters name."""
    job = sa.table("job", sa.column("id"), sa.column("params", sa.JSON), sa.column("station_id"))
    owners: dict[str, dict[int, int]] = {
        "playlist_id": dict(bind.execute(sa.text("SELECT id, station_id FROM playlist")).all()),
        "segment_id": dict(bind.execute(sa.text("SELECT id, station_id FROM segment")).all()),
    }
    rows = bind.execute(sa.select(job.c.id, job.c.params).where(job.c.station_id.is_(None)))
    updates = []
    for job_id, params in rows.all():
        station = _station_of(params or {}, owners)
        if station is not None:
            updates.append({"job_id": job_id, "station": station})
    update = job.update().where(job.c.id == sa.bindparam("job_id"))
    for first in range(0, len(updates), BATCH):
        bind.execute(
            update.values(station_id=sa.bindparam("station")), updates[first : first + BATCH]
        )


def _station_of(params: dict[str, object], owners: dict[str, dict[int, int]]) -> int | None:
    """The station a job's parameters point at (the one named, else its session's or its
    segment's, in the access path's order), None when they name none."""
    named = params.get("station_id")
    if isinstance(named, int | str) and str(named).isdigit():
        return int(named)
    for key in ("playlist_id", "segment_id"):
        value = params.get(key)
        if isinstance(value, int | str) and str(value).isdigit():
            return owners[key].get(int(value))
    return None


def downgrade() -> None:
    """Drop the column."""
    op.drop_index("ix_job_station_id", table_name="job")
    op.drop_column("job", "station_id")
