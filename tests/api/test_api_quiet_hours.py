"""Quiet hours: set on the station, refuse slots and sessions inside them, let emergencies in."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from broadcast.campaigns import load_demo
from broadcast.db import transaction

from factories import approved_emergency

NIGHT = [{"start": "22:00", "end": "07:00"}]  # covers the demo's 06:30 session


def _demo(client: TestClient) -> int:
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        return load_demo(db).id or 0


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _slots(client: TestClient, station: int) -> dict[str, int]:
    return {s["start"][:5]: s["id"] for s in _ok(client.get(f"/slots?station_id={station}"))}


def test_station_keeps_valid_quiet_hours(client: TestClient) -> None:
    station = _demo(client)
    assert _ok(client.get(f"/stations/{station}"))["quiet_hours"] == []
    windows = [{"start": "22:00", "end": "05:30"}, {"start": "11:30", "end": "13:00"}]
    saved = _ok(client.patch(f"/stations/{station}", json={"quiet_hours": windows}))
    assert saved["quiet_hours"] == windows
    assert _ok(client.get(f"/stations/{station}"))["quiet_hours"] == windows
    cleared = _ok(client.patch(f"/stations/{station}", json={"quiet_hours": []}))
    assert cleared["quiet_hours"] == []


@pytest.mark.parametrize(
    ("windows", "words"),
    [
        ([{"start": "25:00", "end": "05:00"}], "23:59"),
        ([{"start": "7:00", "end": "08:00"}], "HH:MM"),
        ([{"start": "05:00", "end": "05:00"}], "khác nhau"),
        ([{"start": "05:00"}], "end"),
        ([{"start": "01:00", "end": "02:00"}] * 7, "tối đa 6"),
        ("22:00-05:00", "danh sách"),
        (None, ""),
    ],
)
def test_bad_quiet_hours_are_refused_naming_the_field(
    client: TestClient, windows: Any, words: str
) -> None:
    station = _demo(client)
    answer = client.patch(f"/stations/{station}", json={"quiet_hours": windows})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "quiet_hours"
    assert words in answer.json()["detail"]


def test_a_slot_inside_quiet_hours_is_refused_on_start(client: TestClient) -> None:
    station = _demo(client)
    _ok(client.patch(f"/stations/{station}", json={"quiet_hours": NIGHT}))
    body = {"station_id": station, "name": "Buổi rạng sáng", "start": "04:30", "max_seconds": 900}
    refused = client.post("/slots", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == "start" and refused.json()["code"] == "slot.quiet_hours"
    assert "22:00–07:00" in refused.json()["detail"]
    touching = _ok(client.post("/slots", json=body | {"start": "21:45"}), 201)  # ends at 22:00
    slots = _slots(client, station)
    moved = client.patch(f"/slots/{slots['17:00']}", json={"start": "21:50"})
    assert moved.status_code == 422 and moved.json()["field"] == "start"
    longer = client.patch(f"/slots/{touching['id']}", json={"max_seconds": 960})
    assert longer.status_code == 422 and longer.json()["code"] == "slot.quiet_hours"
    # A slot already inside (quiet hours set after it) is saved again only once moved out.
    renamed = client.patch(f"/slots/{slots['06:30']}", json={"name": "Sáng sớm"})
    assert renamed.status_code == 422 and renamed.json()["field"] == "start"
    moved_out = _ok(client.patch(f"/slots/{slots['06:30']}", json={"start": "07:00"}))
    assert moved_out["start"].startswith("07:00")


def test_programming_skips_quiet_sessions_with_the_reason(client: TestClient) -> None:
    station = _demo(client)
    _ok(client.patch(f"/stations/{station}", json={"quiet_hours": NIGHT}))  # accepted: warned
    slots = _slots(client, station)
    body = {"station_id": station, "from": "2020-10-05", "to": "2020-10-09"}
    result = _ok(client.post("/playlists/generate", json=body), 201)
    assert {s["slot_id"] for s in result["sessions"]} == {slots["17:00"]}
    assert len(result["skipped"]) == 5
    assert {s["slot_id"] for s in result["skipped"]} == {slots["06:30"]}
    assert all(s["code"] == "slot.quiet_hours" for s in result["skipped"])
    assert "giờ yên tĩnh 22:00–07:00" in result["skipped"][0]["reason"]
    one = client.post(
        "/playlists/generate",
        json={"station_id": station, "day": "2020-10-05", "slot_id": slots["06:30"]},
    )
    assert one.status_code == 409 and one.json()["code"] == "slot.quiet_hours"
    view = _ok(client.get(f"/schedule?station={station}&from=2020-10-05&to=2020-10-09"))
    kinds = [w["kind"] for w in view["warnings"]]
    assert "quiet_hours" in kinds
    assert not any(w["kind"] == "missing" for w in view["warnings"])  # quiet is not "missing"
    monday = view["days"][0]["sessions"]
    quiet = {s["slot_start"]: s["quiet"] for s in monday}
    assert quiet["17:00"] is None and "giờ yên tĩnh" in quiet["06:30"]


def test_an_emergency_still_airs_inside_quiet_hours(client: TestClient) -> None:
    station = _demo(client)
    every_slot = [{"start": "06:00", "end": "07:00"}, {"start": "16:30", "end": "18:00"}]
    _ok(client.patch(f"/stations/{station}", json={"quiet_hours": every_slot}))
    segment = approved_emergency(client, station, "Thông báo khẩn: bão số 5")
    body = {"station_id": station, "segment_id": segment}
    urgent = _ok(client.post("/schedule/urgent", json=body), 202)
    session = _ok(client.get(f"/playlists/{urgent['playlist_id']}"))
    aired = [item["segment_id"] for item in session["items"]]
    assert segment in aired
    classes = {_ok(client.get(f"/segments/{sid}"))["bulletin_class"] for sid in aired}
    assert classes == {"emergency"}  # nothing normal or priority rides along in quiet hours


def test_a_locked_session_in_quiet_hours_keeps_only_its_emergencies(client: TestClient) -> None:
    station = _demo(client)
    first = approved_emergency(client, station, "Thông báo khẩn: bão số 5")
    placed = _ok(client.post("/schedule/urgent", json={"station_id": station}), 202)
    pid = placed["playlist_id"]
    before = [i["segment_id"] for i in _ok(client.get(f"/playlists/{pid}"))["items"]]
    assert first in before and len(before) > 1  # normal items around the bulletin
    _ok(client.post(f"/playlists/{pid}/lock", json={"locked": True}))
    every_slot = [{"start": "06:00", "end": "07:00"}, {"start": "16:30", "end": "18:00"}]
    _ok(client.patch(f"/stations/{station}", json={"quiet_hours": every_slot}))
    second = approved_emergency(client, station, "Thông báo khẩn: lũ quét")
    body = {"station_id": station, "segment_id": second}
    urgent = _ok(client.post("/schedule/urgent", json=body), 202)
    assert urgent["playlist_id"] == pid
    session = _ok(client.get(f"/playlists/{pid}"))
    assert session["locked"] is True
    assert [i["segment_id"] for i in session["items"]] == [second, first]
    assert set(urgent["changes"]["removed"]) == set(before) - {first}


def test_a_session_planned_before_the_quiet_hours_is_not_exported(client: TestClient) -> None:
    station = _demo(client)
    slots = _slots(client, station)
    day = {"station_id": station, "day": "2020-10-05", "slot_id": slots["06:30"]}
    session = _ok(client.post("/playlists/generate", json=day), 201)
    _ok(client.patch(f"/stations/{station}", json={"quiet_hours": NIGHT}))
    refused = client.post(f"/playlists/{session['id']}/export")
    assert refused.status_code == 409 and refused.json()["code"] == "slot.quiet_hours"
    assert "chỉ có tin khẩn cấp" in refused.json()["detail"]
    evening = dict(day, slot_id=slots["17:00"])
    other = _ok(client.post("/playlists/generate", json=evening), 201)
    _ok(client.post(f"/playlists/{other['id']}/export"), 202)
