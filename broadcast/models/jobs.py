"""Background jobs (render, export) and finished exports."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from broadcast.models.common import JobKind, JobStatus, utcnow


class Job(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: JobKind
    status: JobStatus = Field(default=JobStatus.QUEUED, index=True)
    progress: int = Field(default=0, ge=0, le=100)
    message: str = Field(default="", max_length=2000)
    error_code: str | None = Field(default=None, max_length=60)  # LoaError.code of a failure
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    # The station the job works for (its session's, segment's, or the one it names), set when
    # it is inserted (broadcast/jobs/owner.py): a station's jobs are found by this index.
    station_id: int | None = Field(default=None, index=True)
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    # The worker running the job renews this; a lease that ran out means the worker died.
    lease_until: datetime | None = None
    attempts: int = 0  # how many times a worker claimed it
    worker: str | None = Field(default=None, max_length=200)  # "host:pid" of its worker


class JobPublic(SQLModel):
    id: int
    kind: JobKind
    status: JobStatus
    progress: int
    message: str
    error_code: str | None = None
    result: dict[str, Any] | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int = 0


class Export(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    playlist_id: int = Field(foreign_key="playlist.id", index=True)
    job_id: int | None = Field(default=None, foreign_key="job.id")
    zip_path: str = Field(max_length=1000)
    mp3_path: str = Field(max_length=1000)
    duration_s: float
    integrated_lufs: float
    true_peak_dbtp: float
    synthesized: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class ExportPublic(SQLModel):
    id: int
    playlist_id: int
    job_id: int | None
    duration_s: float
    integrated_lufs: float
    true_peak_dbtp: float
    synthesized: int
    download_url: str
    created_at: datetime
