"""Plain factory functions for rows used by the tests."""

from datetime import date, time
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from broadcast import crud
from broadcast import models as m
from broadcast.accounts import HASHER, issue_token
from broadcast.db import transaction
from broadcast.models.accounts import Role
from broadcast.segments import approve_segment, create_segment

SCRIPT = "Kính thưa bà con nhân dân. Ngày 03/02/2020 kỷ niệm 90 năm ngày thành lập Đảng."


def create_station(db: Session, **overrides: Any) -> m.Station:
    data = {"name": "Đài phường Thử Nghiệm", "locality": "Hà Nội"} | overrides
    return crud.create(db, m.Station, m.StationCreate(**data))


def create_campaign(db: Session, station: m.Station, **overrides: Any) -> m.Campaign:
    data = {"station_id": station.id, "title": "Chiến dịch thử"} | overrides
    return crud.create(db, m.Campaign, m.CampaignCreate(**data))


def create_phase(db: Session, campaign: m.Campaign, **overrides: Any) -> m.Phase:
    data = {
        "campaign_id": campaign.id,
        "title": "Giai đoạn thử",
        "starts_on": date(2020, 10, 1),
        "ends_on": date(2020, 10, 31),
    } | overrides
    return crud.create(db, m.Phase, m.PhaseCreate(**data))


def create_slot(db: Session, station: m.Station, **overrides: Any) -> m.SessionSlot:
    data = {
        "station_id": station.id,
        "name": "Buổi sáng",
        "start": time(6, 30),
        "weekdays": [0, 1, 2, 3, 4],
        "max_seconds": 900,
    } | overrides
    return crud.create(db, m.SessionSlot, m.SessionSlotCreate(**data))


def create_segment_row(
    db: Session, station: m.Station, approved: bool = True, **overrides: Any
) -> m.Segment:
    data = {"station_id": station.id, "title": "Thông báo thử", "script": SCRIPT} | overrides
    segment = create_segment(db, m.SegmentCreate(**data))
    return approve_segment(db, segment) if approved else segment


def post_json(client: Any, path: str, body: dict[str, Any], status: int = 201) -> Any:
    """POST a JSON body through the test client, assert the status, return the JSON answer."""
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


def approved_emergency(client: Any, station_id: int, title: str) -> int:
    """An emergency bulletin of a station, written by the client's user and approved: its id."""
    body = {
        "station_id": station_id,
        "title": title,
        "script": "Đề nghị bà con không ra khỏi nhà.",
        "bulletin_class": "emergency",
    }
    segment = post_json(client, "/segments", body)
    approve(client, segment["id"])
    return int(segment["id"])


TEST_PASSWORD = "mat-khau-thu-nghiem"


@lru_cache(maxsize=1)
def _test_password_hash() -> str:
    return HASHER.hash(TEST_PASSWORD)  # argon2 is slow by design: hash once per run


def add_user(
    engine: Engine,
    username: str,
    role: Role | None,
    station_id: int | None = None,
    unit_id: int | None = None,
) -> tuple[int, str]:
    """An account with one role (password TEST_PASSWORD), on a station, a unit or every
    station; returns its id and an API token."""
    with transaction(engine) as db:
        user = m.User(username=username, full_name=username, password_hash=_test_password_hash())
        db.add(user)
        db.flush()
        assert user.id is not None
        if role is not None:
            db.add(m.UserRole(user_id=user.id, role=role, station_id=station_id, unit_id=unit_id))
        token, _row = issue_token(db, user, "test")
        return user.id, token


def bearer(token: str) -> dict[str, str]:
    """Headers that authenticate a request with an API token."""
    return {"Authorization": f"Bearer {token}"}


def approve(client: Any, segment_id: int, status: int = 200) -> Any:
    """Approve a segment as the fixture's approver (not its author: four eyes)."""
    response = client.post(f"/segments/{segment_id}/approve", headers=client.approver_headers)
    assert response.status_code == status, response.text
    return response.json()
