"""As-run log: what actually aired in a session, confirmed by an operator or a player log."""

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from broadcast.models.common import MAX_ID, LoaModel, utcnow


class AsRunStatus(StrEnum):
    AIRED = "aired"
    PARTLY = "partly"
    NOT_AIRED = "not_aired"


class AsRunBase(LoaModel):
    station_id: int = Field(foreign_key="station.id", index=True, ge=1, le=MAX_ID)
    status: AsRunStatus
    note: str = Field(default="", max_length=2000)


class AsRunCreate(AsRunBase):
    """A confirmation naming the session by its id (``playlist_id``), or by day and slot."""

    playlist_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    day: date | None = None
    slot_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    slot: str | None = Field(default=None, max_length=5)
    #: For "partly": seconds from the start of the session that went out.
    aired_until_s: float | None = Field(default=None, ge=0.0, le=24 * 3600)


class AsRun(AsRunBase, table=True):
    __tablename__ = "asrun"

    id: int | None = Field(default=None, primary_key=True)
    playlist_id: int = Field(foreign_key="playlist.id", index=True, unique=True)
    day: date = Field(index=True)
    slot_id: int = Field(foreign_key="session_slot.id")
    aired_until_s: float | None = None
    aired_s: float = 0.0  # programme seconds that went out (sum over items)
    source: str = Field(default="operator", max_length=20)
    confirmed_at: datetime = Field(default_factory=utcnow)


class AsRunPublic(AsRunBase):
    id: int
    playlist_id: int
    day: date
    slot_id: int
    aired_until_s: float | None
    aired_s: float
    source: str
    confirmed_at: datetime


class AsRunDayCreate(LoaModel):
    """Confirm as aired every started, unconfirmed session of one day of a station."""

    station_id: int = Field(ge=1, le=MAX_ID)
    day: date


class RefusedLine(LoaModel):
    """A player-log line that confirmed nothing, and why (line 1 is the header)."""

    line: int
    reason: str


class PlayerLogPublic(LoaModel):
    """What an uploaded player log did: lines matched (and confirmed), lines refused."""

    matched: int
    confirmed: list[AsRunPublic]
    refused: list[RefusedLine]
