"""A campaign (one plan document), its events, phases and topics, and the import it came from."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from broadcast.models.common import CampaignStatus, EventLevel, LoaModel, PhaseKind, utcnow


class CampaignBase(LoaModel):
    station_id: int = Field(foreign_key="station.id", index=True)
    title: str = Field(min_length=1, max_length=500)
    document_number: str = Field(default="", max_length=100)
    issuing_body: str = Field(default="", max_length=300)
    issued_on: date | None = None
    status: CampaignStatus = CampaignStatus.ACTIVE


class CampaignCreate(CampaignBase):
    pass


class CampaignUpdate(LoaModel):
    title: str = Field(default=None, min_length=1, max_length=500)
    document_number: str = Field(default=None, max_length=100)
    issuing_body: str = Field(default=None, max_length=300)
    issued_on: date | None = None
    status: CampaignStatus = Field(default=None)


class Campaign(CampaignBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class CampaignPublic(CampaignBase):
    id: int


class EventBase(LoaModel):
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    name: str = Field(min_length=1, max_length=500)
    level: EventLevel = EventLevel.OTHER
    ordinal: int | None = Field(default=None, ge=1, le=1000)
    starts_on: date | None = None
    ends_on: date | None = None


class EventCreate(EventBase):
    pass


class EventUpdate(LoaModel):
    name: str = Field(default=None, min_length=1, max_length=500)
    level: EventLevel = Field(default=None)
    ordinal: int | None = Field(default=None, ge=1, le=1000)
    starts_on: date | None = None
    ends_on: date | None = None


class Event(EventBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class EventPublic(EventBase):
    id: int


class PhaseBase(LoaModel):
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    code: str = Field(default="", max_length=20)
    title: str = Field(min_length=1, max_length=500)
    kind: PhaseKind = PhaseKind.GENERAL
    # Null only in imported draft campaigns whose plan does not give the date (see
    # broadcast/campaigns/plan_import.py); activation refuses such phases.
    starts_on: date | None = None
    ends_on: date | None = None
    peak_starts_on: date | None = None
    peak_ends_on: date | None = None
    weight: float = Field(default=1.0, gt=0.0, le=100.0)


class PhaseCreate(PhaseBase):
    starts_on: date
    ends_on: date


class PhaseUpdate(LoaModel):
    event_id: int | None = None
    code: str = Field(default=None, max_length=20)
    title: str = Field(default=None, min_length=1, max_length=500)
    kind: PhaseKind = Field(default=None)
    starts_on: date = Field(default=None)
    ends_on: date = Field(default=None)
    peak_starts_on: date | None = None
    peak_ends_on: date | None = None
    weight: float = Field(default=None, gt=0.0, le=100.0)


class Phase(PhaseBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class PhasePublic(PhaseBase):
    id: int


class TopicBase(LoaModel):
    phase_id: int = Field(foreign_key="phase.id", index=True)
    text: str = Field(min_length=1, max_length=5000)
    position: int = Field(default=0, ge=0)
    weight: float = Field(default=1.0, gt=0.0, le=100.0)  # share of its phase's airtime


class TopicCreate(TopicBase):
    pass


class TopicUpdate(LoaModel):
    text: str = Field(default=None, min_length=1, max_length=5000)
    position: int = Field(default=None, ge=0)
    weight: float = Field(default=None, gt=0.0, le=100.0)


class Topic(TopicBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class TopicPublic(TopicBase):
    id: int


class PlanImport(LoaModel, table=True):
    """One import of a plan document into a draft campaign (source lines, open items, slots)."""

    __tablename__ = "plan_import"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True, unique=True)
    filename: str = Field(default="", max_length=300)
    sha256: str = Field(max_length=64)
    parse: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow)
