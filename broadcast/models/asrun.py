"""As-run log: what actually aired in a session, confirmed by an operator, a player log or the
devices' own reports (what each device played, item by item)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
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


class ReportKind(StrEnum):
    """What a device's as-run report is about."""

    ITEM = "item"
    SESSION = "session"
    ALERT = "alert"


class ReportOutcome(StrEnum):
    """How a playback ended on the device."""

    COMPLETED = "completed"
    INTERRUPTED = "interrupted"
    SKIPPED = "skipped"


class DeviceReport(LoaModel):
    """One as-run report of a device: an item, a whole session or an alert it played (or not)."""

    id: str = Field(min_length=8, max_length=64, description="Mã báo cáo, duy nhất trên thiết bị")
    kind: ReportKind
    session_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    position: int | None = Field(default=None, ge=0, le=10_000)
    alert_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    started_at: datetime = Field(description="Giờ UTC bắt đầu phát (đồng hồ thiết bị)")
    ended_at: datetime
    outcome: ReportOutcome
    reason: str | None = Field(default=None, max_length=200)
    played_s: float = Field(ge=0.0, le=24 * 3600)


class DeviceReports(LoaModel):
    """A batch of as-run reports (resent as a whole after a cut link: duplicates are skipped)."""

    reports: list[DeviceReport] = Field(min_length=1, max_length=500)


class DeviceReportsAnswer(LoaModel):
    """How many reports were stored, and how many had been stored before."""

    accepted: int
    duplicates: int


class DeviceAsRun(LoaModel, table=True):
    """A device's as-run report as stored: idempotent by (device, report id)."""

    __tablename__ = "device_asrun"
    __table_args__ = (UniqueConstraint("device_id", "report_uid", name="uq_device_asrun_report"),)

    id: int | None = Field(default=None, primary_key=True)
    device_id: int = Field(foreign_key="device.id", index=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    report_uid: str = Field(max_length=64)
    kind: str = Field(max_length=10)
    session_id: int | None = Field(default=None, foreign_key="playlist.id", index=True)
    position: int | None = None
    alert_id: int | None = None  # an alert's id (kept even when the alert is gone)
    started_at: datetime
    ended_at: datetime
    outcome: str = Field(max_length=12)
    reason: str | None = Field(default=None, max_length=200)
    played_s: float = 0.0
    received_at: datetime = Field(default_factory=utcnow, index=True)
