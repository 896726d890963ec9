"""What devices played, as the pages show it: who played a session, each device's last report,
times on the station's clock."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from api.web.labels import REPORT_OUTCOME_LABELS, REPORT_REASON_LABELS
from broadcast.devices import LastReport, last_reports, session_plays
from broadcast.models import Station
from broadcast.models.common import as_utc
from broadcast.models.station import DEFAULT_TIMEZONE


def station_zone(station: Station | None) -> ZoneInfo:
    """The station's time zone (the default one when unknown)."""
    try:
        return ZoneInfo(station.timezone if station is not None else DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_words(value: datetime | None, zone: ZoneInfo) -> str:
    """dd/mm/yyyy HH:MM:SS on the station's clock."""
    if value is None:
        return ""
    return as_utc(value).astimezone(zone).strftime("%d/%m/%Y %H:%M:%S")


def outcome_words(outcome: str, reason: str | None) -> str:
    """ "Bị ngắt (tin khẩn cấp chen vào)"."""
    words = REPORT_OUTCOME_LABELS.get(outcome, outcome)
    return f"{words} ({REPORT_REASON_LABELS.get(reason, reason)})" if reason else words


@dataclass(frozen=True)
class PlayedRow:
    """A device's session report as a line of the session page."""

    device_id: int
    device_name: str
    zone: str
    outcome: str
    outcome_text: str
    played_s: float
    started: str
    ended: str
    items: int


def played_rows(db: Session, session_id: int, station: Station | None) -> list[PlayedRow]:
    """The devices that reported the session, with local times."""
    zone = station_zone(station)
    return [
        PlayedRow(
            device_id=play.device_id,
            device_name=play.device_name,
            zone=play.zone,
            outcome=play.outcome,
            outcome_text=outcome_words(play.outcome, play.reason),
            played_s=play.played_s,
            started=local_words(play.started_at, zone),
            ended=local_words(play.ended_at, zone),
            items=play.items,
        )
        for play in session_plays(db, session_id)
    ]


@dataclass(frozen=True)
class LastAsRun:
    """A device's last session or alert report, in words."""

    kind: str
    what: str
    session_id: int | None
    outcome: str
    outcome_text: str
    when: str


def _last(last: LastReport, zone: ZoneInfo) -> LastAsRun:
    report = last.report
    if report.session_id is not None and last.day is not None and last.start is not None:
        what = f"Buổi {last.start:%H:%M} ngày {last.day:%d/%m/%Y}"
    elif report.alert_id is not None:
        what = f"Tin khẩn cấp số {report.alert_id}"
    else:
        what = f"Buổi phát số {report.session_id}"
    return LastAsRun(
        kind=report.kind,
        what=what,
        session_id=report.session_id if report.kind == "session" else None,
        outcome=report.outcome,
        outcome_text=outcome_words(report.outcome, report.reason),
        when=local_words(report.ended_at, zone),
    )


def last_asruns(
    db: Session, device_ids: list[int], station: Station | None
) -> dict[int, LastAsRun]:
    """device id → its last session or alert report, in words (devices without one left out)."""
    zone = station_zone(station)
    return {device: _last(last, zone) for device, last in last_reports(db, device_ids).items()}
