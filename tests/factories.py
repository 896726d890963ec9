"""Plain factory functions for rows used by the tests."""

from datetime import date, time
from typing import Any

from sqlmodel import Session

from broadcast import models as m
from broadcast.services import crud
from broadcast.services.segments import approve_segment, create_segment

SCRIPT = "Kính thưa bà con nhân dân. Ngày 03/02/2020 kỷ niệm 90 năm ngày thành lập Đảng."


def create_station(session: Session, **overrides: Any) -> m.Station:
    data = {"name": "Đài phường Thử Nghiệm", "locality": "Hà Nội"} | overrides
    return crud.create(session, m.Station, m.StationCreate(**data))


def create_campaign(session: Session, station: m.Station, **overrides: Any) -> m.Campaign:
    data = {"station_id": station.id, "title": "Chiến dịch thử"} | overrides
    return crud.create(session, m.Campaign, m.CampaignCreate(**data))


def create_phase(session: Session, campaign: m.Campaign, **overrides: Any) -> m.Phase:
    data = {
        "campaign_id": campaign.id,
        "title": "Giai đoạn thử",
        "starts_on": date(2020, 10, 1),
        "ends_on": date(2020, 10, 31),
    } | overrides
    return crud.create(session, m.Phase, m.PhaseCreate(**data))


def create_slot(session: Session, station: m.Station, **overrides: Any) -> m.SessionSlot:
    data = {
        "station_id": station.id,
        "name": "Buổi sáng",
        "start": time(6, 30),
        "weekdays": [0, 1, 2, 3, 4],
        "max_seconds": 900,
    } | overrides
    return crud.create(session, m.SessionSlot, m.SessionSlotCreate(**data))


def create_segment_row(
    session: Session, station: m.Station, approved: bool = True, **overrides: Any
) -> m.Segment:
    data = {"station_id": station.id, "title": "Thông báo thử", "script": SCRIPT} | overrides
    segment = create_segment(session, m.SegmentCreate(**data))
    return approve_segment(session, segment) if approved else segment


def post_json(client: Any, path: str, body: dict[str, Any], status: int = 201) -> Any:
    """POST a JSON body through the test client, assert the status, return the JSON answer."""
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()
