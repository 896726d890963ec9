"""The record of an imported plan: its source file and the full parse, for review."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from broadcast.models.common import LoaModel, utcnow


class PlanImport(LoaModel, table=True):
    """One import of a plan document into a draft campaign (source lines, open items, slots)."""

    __tablename__ = "plan_import"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True, unique=True)
    filename: str = Field(default="", max_length=300)
    sha256: str = Field(max_length=64)
    parse: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow)
