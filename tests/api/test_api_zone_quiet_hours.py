"""Quiet hours per zone: kept on the station, checked naming the field, and applied to the
player schedule of the devices of that zone (normal sessions not ready, reason quiet_hours)."""

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from broadcast import models as m
from broadcast.db import transaction

from factories import bearer, create_slot, post_json

ZONES = {"Tổ dân phố 3": [{"start": "21:00", "end": "06:45"}], "Thôn Đông": []}


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@pytest.fixture
def station(client: TestClient) -> int:
    return int(post_json(client, "/stations", {"name": "Đài phường Một"})["id"])


def test_a_station_keeps_quiet_hours_per_zone(client: TestClient, station: int) -> None:
    assert _ok(client.get(f"/stations/{station}"))["zone_quiet_hours"] == {}
    saved = _ok(client.patch(f"/stations/{station}", json={"zone_quiet_hours": ZONES}))
    kept = {"Tổ dân phố 3": [{"start": "21:00", "end": "06:45"}]}  # a zone without windows goes
    assert saved["zone_quiet_hours"] == kept
    assert _ok(client.get(f"/stations/{station}"))["zone_quiet_hours"] == kept
    assert (
        _ok(client.patch(f"/stations/{station}", json={"zone_quiet_hours": {}}))["zone_quiet_hours"]
        == {}
    )
    log = _ok(client.get("/audit", params={"entity": "station"}))
    assert any("zone_quiet_hours" in str(entry) for entry in log)


@pytest.mark.parametrize(
    ("zones", "words"),
    [
        ({"Tổ 3": [{"start": "25:00", "end": "05:00"}]}, "khu vực Tổ 3: khung 1"),
        ({"Tổ 3": [{"start": "05:00", "end": "05:00"}]}, "khác nhau"),
        ({"Tổ 3": "22:00-05:00"}, "danh sách"),
        ({"": [{"start": "22:00", "end": "05:00"}]}, "tên khu vực"),
        ({f"Tổ {n}": [] for n in range(51)}, "tối đa 50"),
        ([{"start": "22:00", "end": "05:00"}], "khu vực"),
        (None, ""),
    ],
)
def test_bad_zone_quiet_hours_are_refused_naming_the_field(
    client: TestClient, station: int, zones: Any, words: str
) -> None:
    answer = client.patch(f"/stations/{station}", json={"zone_quiet_hours": zones})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "zone_quiet_hours"
    assert words in answer.json()["detail"]


def test_a_device_of_a_quiet_zone_is_told_not_to_play(client: TestClient, station: int) -> None:
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        row = db.get(m.Station, station)
        assert row is not None
        slot = create_slot(db, row, weekdays=list(range(7)))
        today = datetime.now(UTC).astimezone(ZoneInfo(row.timezone)).date()
        db.add(m.BroadcastSession(station_id=station, slot_id=slot.id or 0, day=today))
    _ok(client.patch(f"/stations/{station}", json={"zone_quiet_hours": ZONES}))
    devices = {
        zone: post_json(
            client,
            "/devices",
            {"station_id": station, "name": zone, "kind": "ip_receiver", "zone": zone},
        )
        for zone in ("Tổ dân phố 3", "Thôn Đông")
    }
    seen = {}
    for zone, device in devices.items():
        schedule = _ok(client.get("/player/v1/schedule?days=1", headers=bearer(device["token"])))
        (session,) = schedule["sessions"]
        seen[zone] = (session["ready"], session["reason"])
    assert seen == {"Tổ dân phố 3": (False, "quiet_hours"), "Thôn Đông": (False, "not_exported")}
