"""The append-only audit log: who changed what, when, with the values before and after."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from broadcast.models.common import LoaModel, utcnow


class AuditEntry(LoaModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, index=True)
    actor: str = Field(max_length=100)  # username, or "system", "scheduler", "job"
    action: str = Field(max_length=40, index=True)  # create, update, delete, approve, login…
    entity: str = Field(max_length=60, index=True)  # table name
    entity_id: str | None = Field(default=None, max_length=100)
    station_id: int | None = Field(default=None, index=True)  # the one station owning the row
    unit_id: int | None = Field(default=None, index=True)  # the unit owning a row of no station
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    note: str = Field(default="", max_length=2000)


class AuditEntryPublic(LoaModel):
    id: int
    at: datetime
    user_id: int | None
    actor: str
    action: str
    entity: str
    entity_id: str | None
    station_id: int | None = None
    unit_id: int | None = None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str
