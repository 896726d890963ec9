"""Consistency rules checked on every create and update of a row."""

from datetime import date

from sqlmodel import Session, select

from broadcast.crud.rows import check_window, register_validator
from broadcast.errors import InvalidInput
from broadcast.models import Event, LibraryItem, Phase, Segment, SessionSlot, Station
from broadcast.models.station import STATION_UNIT_KINDS, Unit
from broadcast.quiet_hours import refuse_quiet_slot


def _event_rules(_session: Session, event: Event) -> None:
    check_window(event.starts_on, event.ends_on, "ends_on")


def _outside(day: date | None, first: date | None, last: date | None) -> bool:
    """Whether a day falls before `first` or after `last` (an open bound admits any day)."""
    return day is not None and (
        (first is not None and day < first) or (last is not None and day > last)
    )


def _phase_rules(db: Session, phase: Phase) -> None:
    check_window(phase.starts_on, phase.ends_on, "ends_on")
    peak_start, peak_end = phase.peak_starts_on, phase.peak_ends_on
    if (peak_start is None) != (peak_end is None):
        missing = "peak_starts_on" if peak_start is None else "peak_ends_on"
        raise InvalidInput(missing, "cao điểm cần cả ngày bắt đầu và ngày kết thúc")
    check_window(peak_start, peak_end, "peak_ends_on")
    for name, day in (("peak_starts_on", peak_start), ("peak_ends_on", peak_end)):
        if _outside(day, phase.starts_on, phase.ends_on):  # named: shown under that field
            raise InvalidInput(name, "cao điểm phải nằm trong thời gian của giai đoạn")
    if phase.event_id is not None:
        event = db.get(Event, phase.event_id)
        if event is not None and event.campaign_id != phase.campaign_id:
            raise InvalidInput("event_id", "sự kiện thuộc chiến dịch khác")


def _segment_rules(_session: Session, segment: Segment) -> None:
    check_window(segment.air_start, segment.air_end, "air_end")


def _station_rules(db: Session, station: Station) -> None:
    """A station belongs to a commune or a province (its own station); its jingle and music bed
    are in its library, or the audio of one of its segments."""
    unit = db.get(Unit, station.unit_id) if station.unit_id is not None else None
    if unit is not None and unit.kind not in STATION_UNIT_KINDS:
        raise InvalidInput("unit_id", "đài thuộc một xã/phường hoặc một tỉnh/thành phố")
    for field in ("jingle_asset_id", "bed_asset_id"):
        asset_id = getattr(station, field)
        if asset_id is None:
            continue
        owned = db.exec(
            select(Segment.id).where(
                Segment.station_id == station.id, Segment.audio_asset_id == asset_id
            )
        ).first()
        kept = db.exec(
            select(LibraryItem.id).where(
                LibraryItem.station_id == station.id, LibraryItem.asset_id == asset_id
            )
        ).first()
        if station.id is None or (owned is None and kept is None):
            raise InvalidInput(field, f"tệp âm thanh {asset_id} không có trong thư viện của đài")


def _slot_rules(db: Session, slot: SessionSlot) -> None:
    if not slot.weekdays:
        raise InvalidInput("weekdays", "cần ít nhất một ngày phát trong tuần")
    refuse_quiet_slot(db, slot)


def register_rules() -> None:
    """Register the domain's row rules with the generic CRUD layer (idempotent)."""
    if getattr(register_rules, "_done", False):
        return
    register_validator(Event, _event_rules)
    register_validator(Phase, _phase_rules)
    register_validator(Segment, _segment_rules)
    register_validator(SessionSlot, _slot_rules)
    register_validator(Station, _station_rules)
    register_rules._done = True  # type: ignore[attr-defined]


register_rules()
