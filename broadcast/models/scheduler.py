"""The unattended scheduler: one lock row shared by service processes, and its runs."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from broadcast.models.common import LoaModel, utcnow


class SchedulerLock(SQLModel, table=True):
    """A named lease: whoever holds an unexpired row runs the scheduler."""

    __tablename__ = "scheduler_lock"

    name: str = Field(primary_key=True, max_length=50)
    holder: str = Field(max_length=200)
    expires_at: datetime


class SchedulerRun(SQLModel, table=True):
    """One pass of the scheduler for a station and a day (unique: never done twice)."""

    __tablename__ = "scheduler_run"

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    run_day: date = Field(index=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = Field(default="running", max_length=20)
    trigger: str = Field(default="schedule", max_length=20)
    result: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))


class SchedulerRunPublic(LoaModel):
    id: int
    station_id: int
    run_day: date
    started_at: datetime
    finished_at: datetime | None
    status: str
    trigger: str
    result: dict[str, Any]
