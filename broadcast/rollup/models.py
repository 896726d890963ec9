"""The roll-up of a unit as the API returns it: per station, per unit beneath, and in total."""

from datetime import date

from pydantic import ConfigDict
from sqlmodel import Field

from broadcast.models.common import LoaModel


class SessionCounts(LoaModel):
    """Sessions of a period by state, with the station reports' definitions.

    planned: stored sessions; exported: their audio exported; aired/partly/not_aired: the as-run
    status confirmed; unconfirmed: started (station time) and not confirmed yet.
    """

    planned: int = 0
    exported: int = 0
    aired: int = 0
    partly: int = 0
    not_aired: int = 0
    unconfirmed: int = 0
    asrun_seconds: float = 0.0


class AirtimeGroup(LoaModel):
    """Confirmed airtime of one topic or event (airings split evenly between their topics)."""

    key: str
    label: str
    seconds: float
    minutes: float
    airings: int


class Figures(LoaModel):
    """Session counts and airtime by topic and by event."""

    sessions: SessionCounts = Field(default_factory=SessionCounts)
    by_topic: list[AirtimeGroup] = Field(default_factory=list)
    by_event: list[AirtimeGroup] = Field(default_factory=list)
    seconds: float = 0.0
    minutes: float = 0.0


class StationFigures(Figures):
    """One station's figures."""

    station_id: int
    station_name: str
    unit_id: int | None


class UnitFigures(Figures):
    """A unit's subtotal: the sum of the stations beneath it (through districts)."""

    unit_id: int
    unit_name: str
    kind: str
    parent_id: int | None
    depth: int
    station_ids: list[int] = Field(default_factory=list)


class BulletinDelivery(LoaModel):
    """Delivery and airing of the bulletins a station received (filled by the bulletins)."""

    station_id: int
    received: int = 0
    placed: int = 0
    exported: int = 0
    aired: int = 0
    refused: int = 0


class UnitReport(LoaModel):
    """A unit's roll-up for a period: every station beneath it, unit subtotals, a grand total."""

    model_config = ConfigDict(populate_by_name=True)  # type: ignore[assignment]

    unit_id: int
    unit_name: str
    kind: str
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    stations: list[StationFigures] = Field(default_factory=list)
    units: list[UnitFigures] = Field(default_factory=list)
    total: Figures = Field(default_factory=Figures)
    bulletins: list[BulletinDelivery] = Field(default_factory=list)
