"""POST /campaigns/import creates a draft campaign; activation; garbage creates nothing."""

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from broadcast import models as m
from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.programming.service import phase_windows

ROOT = Path(__file__).parents[2]
SEED = ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
COMMUNE = ROOT / "tests" / "fixtures" / "plans" / "ke-hoach-dai-hoi-xa-2020.txt"
SCHEDULE = ROOT / "tests" / "fixtures" / "plans" / "ke-hoach-lich-phat-thanh-2021.txt"


def _import(client: TestClient, path: Path, **form: Any) -> Any:
    files = {"file": (path.name, path.read_bytes(), "text/plain")}
    return client.post("/campaigns/import", files=files, data=form)


def _count(settings: Settings, model: type) -> int:
    with Session(get_engine(settings.db_url)) as db:
        return len(db.exec(select(model)).all())


def test_seed_plan_becomes_a_draft_that_never_airs(client: TestClient, settings: Settings) -> None:
    response = _import(client, SEED)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["campaign"]["status"] == "draft"
    assert body["campaign"]["document_number"] == "192/KH-UBND"
    assert body["campaign"]["issued_on"] == "2019-12-30"
    assert body["counts"] == {
        "events": 4, "occasions": 7, "phases": 6, "topics": 27, "draft_scripts": 27,
        "proposed_slots": 0, "notes": 24, "unresolved": 13,
    }  # fmt: skip
    assert body["parse"]["phases"][2]["line"] == 53
    with Session(get_engine(settings.db_url)) as db:
        segments = db.exec(select(m.Segment)).all()
        assert {s.status for s in segments} == {m.SegmentStatus.DRAFT}
        assert segments[0].script.startswith("Kính thưa toàn thể cán bộ, đảng viên và nhân dân")
        assert "192/KH-UBND" in segments[0].script
        links = db.exec(select(m.SegmentTopicLink)).all()
        assert len(links) == 27
        phase = db.exec(select(m.Phase).where(m.Phase.code == "1.2a")).one()
        assert (phase.peak_starts_on.isoformat(), phase.ends_on) == ("2020-10-01", None)
        assert phase_windows(db, body["campaign"]["station_id"]) == []
    record = client.get(f"/campaigns/{body['campaign']['id']}/import").json()
    assert record["filename"] == SEED.name and len(record["sha256"]) == 64
    assert record["parse"]["unresolved"] == body["unresolved"]
    refused = client.post(f"/campaigns/{body['campaign']['id']}/activate")
    assert refused.status_code == 409
    assert "1.1a" in refused.json()["detail"]


def test_activation_adds_the_proposed_slots(client: TestClient, settings: Settings) -> None:
    body = _import(client, SCHEDULE).json()
    assert body["counts"]["proposed_slots"] == 3
    assert _count(settings, m.SessionSlot) == 0
    response = client.post(f"/campaigns/{body['campaign']['id']}/activate")
    assert response.status_code == 200, response.text
    assert response.json()["campaign"]["status"] == "active"
    starts = [(s["start"], s["weekdays"]) for s in response.json()["slots_created"]]
    assert starts == [("06:00:00", [0, 1, 2, 3, 4, 5, 6]), ("17:00:00", [0, 1, 2, 3, 4, 5, 6]),
                      ("11:00:00", [5, 6])]  # fmt: skip
    assert client.post(f"/campaigns/{body['campaign']['id']}/activate").status_code == 409


def test_commune_plan_links_phases_to_the_dated_congress(
    client: TestClient, settings: Settings
) -> None:
    body = _import(client, COMMUNE)
    assert body.status_code == 201 and body.json()["unresolved"] == []
    with Session(get_engine(settings.db_url)) as db:
        event = db.exec(select(m.Event).where(m.Event.ordinal == 15)).one()
        phases = db.exec(select(m.Phase)).all()
        assert {p.event_id for p in phases} == {event.id}
        assert "16/06/2020" in db.exec(select(m.Segment)).first().script  # type: ignore[union-attr]


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(200)


@pytest.mark.parametrize(
    ("name", "payload", "why"),
    [
        ("anh.png", _png(), "ảnh"),
        ("trong.txt", b"", "rỗng"),
        ("rac.bin", os.urandom(50 * 1024 * 1024), "quá lớn"),
        ("rac-nho.bin", os.urandom(4096), "không phải văn bản"),
        ("thu.txt", "Xin chào bà con\n".encode(), "không nhận ra kế hoạch"),
        ("hong.pdf", b"%PDF-1.7\n garbage", "PDF"),
        ("hong.docx", b"PK\x03\x04" + os.urandom(100), "không phải văn bản"),
    ],
    ids=["image", "empty", "50MB-random", "random", "not-a-plan", "broken-pdf", "broken-docx"],
)
def test_garbage_is_refused_and_creates_nothing(
    client: TestClient, settings: Settings, name: str, payload: bytes, why: str
) -> None:
    response = client.post("/campaigns/import", files={"file": (name, payload)})
    too_large = len(payload) > 10 * 1024 * 1024  # refused from its length, before it is read
    assert response.status_code == (413 if too_large else 422), response.text
    assert response.json()["field"] == "file"
    assert why in response.json()["detail"]
    assert _count(settings, m.Campaign) == _count(settings, m.Station) == 0


def test_unknown_station_is_named(client: TestClient, settings: Settings) -> None:
    assert client.get("/campaigns/1/import").status_code == 404
    response = _import(client, SEED, station_id="999")
    assert response.status_code == 422
    assert response.json()["field"] == "station_id"
    assert _count(settings, m.Campaign) == 0


def test_filling_the_open_dates_lets_the_draft_go_on_air(
    client: TestClient, settings: Settings
) -> None:
    body = _import(client, SEED).json()
    dates = {
        "1.1a": ("2019-12-01", "2020-08-16"),
        "1.1b": ("2020-08-17", "2020-08-31"),
        "1.2a": ("2020-08-01", "2020-10-13"),
        "1.2b": ("2020-10-14", "2020-10-31"),
        "1.3a": ("2020-11-01", "2021-02-01"),
        "1.3b": ("2021-02-02", "2021-03-31"),
    }
    phases = client.get("/phases", params={"campaign_id": body["campaign"]["id"]}).json()
    assert sorted(p["code"] for p in phases) == sorted(dates)
    for phase in phases:
        start, end = dates[phase["code"]]
        patch = {"starts_on": start, "ends_on": end}
        if phase["code"] == "1.2a":
            patch |= {"peak_starts_on": "2020-10-01", "peak_ends_on": "2020-10-13"}
        if phase["code"] == "1.2b":
            patch |= {"peak_starts_on": "2020-10-14", "peak_ends_on": "2020-10-31"}
        response = client.patch(f"/phases/{phase['id']}", json=patch)
        assert response.status_code == 200, response.text
    assert client.post(f"/campaigns/{body['campaign']['id']}/activate").status_code == 200
    with Session(get_engine(settings.db_url)) as db:
        windows = phase_windows(db, body["campaign"]["station_id"])
    assert len(windows) == 6
    assert windows[0].start.isoformat() == "2019-12-01"
