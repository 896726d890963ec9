"""Device heartbeats over HTTP: the state, agent version and clock offset are stored on the
device; bad values are refused naming the field; only a device's own token may send one; a
device of another station cannot name station 1's sessions; heartbeats leave no audit entry."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from broadcast import models as m
from broadcast.db import get_engine, transaction
from broadcast.models.accounts import Role
from broadcast.models.common import as_utc

from factories import add_user, bearer, create_slot, post_json

DEVICE = {"name": "Cụm loa chợ", "kind": "ip_receiver", "zone": "Tổ dân phố 3"}


def _beat(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "playing": {"title": "Bản tin sáng"},
        "volume": 6,
        "free_disk_mb": 2048,
        "agent_version": "loa-player 1.2",
        "clock": datetime.now(UTC).isoformat(),
    }
    return body | changes


def _engine(client: TestClient) -> Any:
    return get_engine(client.app.state.settings.db_url)  # type: ignore[attr-defined]


def _station(client: TestClient, name: str) -> int:
    return int(post_json(client, "/stations", {"name": name})["id"])


def _device(client: TestClient, station_id: int) -> dict[str, Any]:
    return post_json(client, "/devices", {**DEVICE, "station_id": station_id})


@pytest.fixture
def station_1(client: TestClient) -> int:
    return _station(client, "Đài phường Một")


def test_a_heartbeat_stores_the_state_version_and_clock_offset(
    client: TestClient, station_1: int
) -> None:
    made = _device(client, station_1)
    ahead = datetime.now(UTC) + timedelta(seconds=90)
    sent = client.post(
        "/player/v1/heartbeat", json=_beat(clock=ahead.isoformat()), headers=bearer(made["token"])
    )
    assert sent.status_code == 200, sent.text
    answer = sent.json()
    assert answer["next_heartbeat_s"] == 30
    server_time = datetime.fromisoformat(answer["server_time"])
    shown = client.get(f"/devices/{made['id']}").json()
    assert datetime.fromisoformat(shown["last_heartbeat_at"]) == server_time
    assert shown["agent_version"] == "loa-player 1.2"
    assert shown["reported_state"] == {
        "playing": {"session_id": None, "title": "Bản tin sáng"},
        "volume": 6,
        "free_disk_mb": 2048,
    }
    expected = (as_utc(ahead) - server_time).total_seconds()
    assert shown["clock_offset_s"] == pytest.approx(expected, abs=0.01)
    assert 80 < shown["clock_offset_s"] < 100  # the device runs about 90 s ahead


def test_a_device_playing_nothing_reports_null(client: TestClient, station_1: int) -> None:
    made = _device(client, station_1)
    sent = client.post(
        "/player/v1/heartbeat", json=_beat(playing=None), headers=bearer(made["token"])
    )
    assert sent.status_code == 200, sent.text
    assert client.get(f"/devices/{made['id']}").json()["reported_state"]["playing"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"volume": 0}, "volume"),
        ({"volume": 11}, "volume"),
        ({"free_disk_mb": -1}, "free_disk_mb"),
        ({"agent_version": "x" * 51}, "agent_version"),
        ({"clock": "hôm qua"}, "clock"),
        ({"playing": {"session_id": 0}}, "playing.session_id"),
        ({"playing": {"session_id": 999_999}}, "playing.session_id"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    client: TestClient, station_1: int, change: dict[str, Any], field: str
) -> None:
    made = _device(client, station_1)
    sent = client.post("/player/v1/heartbeat", json=_beat(**change), headers=bearer(made["token"]))
    assert sent.status_code == 422, sent.text
    assert sent.json()["field"] == field
    assert client.get(f"/devices/{made['id']}").json()["last_heartbeat_at"] is None


def test_a_user_token_is_refused(client: TestClient, station_1: int) -> None:
    _, token = add_user(_engine(client), "quantri1", Role.ADMIN, station_1)
    assert client.post("/player/v1/heartbeat", json=_beat(), headers=bearer(token)).status_code == (
        403
    )
    assert client.post("/player/v1/heartbeat", json=_beat()).status_code == 403  # admin cookie


def test_a_device_of_another_station_cannot_name_station_1s_session(
    client: TestClient, station_1: int
) -> None:
    with transaction(_engine(client)) as db:
        station = db.get(m.Station, station_1)
        assert station is not None
        slot = create_slot(db, station)
        session = m.BroadcastSession(station_id=station_1, slot_id=slot.id or 0, day=date.today())
        db.add(session)
        db.flush()
        session_id = session.id
    ours = _device(client, station_1)
    theirs = _device(client, _station(client, "Đài phường Hai"))
    playing = {"session_id": session_id, "title": "Bản tin"}
    foreign = client.post(
        "/player/v1/heartbeat", json=_beat(playing=playing), headers=bearer(theirs["token"])
    )
    assert foreign.status_code == 422 and foreign.json()["field"] == "playing.session_id"
    own = client.post(
        "/player/v1/heartbeat", json=_beat(playing=playing), headers=bearer(ours["token"])
    )
    assert own.status_code == 200, own.text
    assert client.get(f"/devices/{ours['id']}").json()["reported_state"]["playing"] == playing
    assert client.get(f"/devices/{theirs['id']}").json()["last_heartbeat_at"] is None


def test_heartbeats_leave_no_audit_entry(client: TestClient, station_1: int) -> None:
    made = _device(client, station_1)
    for version in ("1.0", "1.1", "1.1"):
        sent = client.post(
            "/player/v1/heartbeat",
            json=_beat(agent_version=version),
            headers=bearer(made["token"]),
        )
        assert sent.status_code == 200, sent.text
    log = client.get("/audit", params={"entity": "device"}).json()
    assert [e["action"] for e in log] == ["create"]
    client.patch(f"/devices/{made['id']}", json={"volume": 2})
    log = client.get("/audit", params={"entity": "device"}).json()
    assert [e["action"] for e in log] == ["update", "create"]  # real changes still are


def test_the_low_bandwidth_profile_is_chosen_per_device_and_per_station(
    client: TestClient, station_1: int
) -> None:
    made = _device(client, station_1)
    chosen = {"output_profile": "mp3-48k-mono-24000"}
    edited = client.patch(f"/devices/{made['id']}", json=chosen)
    assert edited.status_code == 200 and edited.json()["output_profile"] == "mp3-48k-mono-24000"
    me = client.get("/player/v1/me", headers=bearer(made["token"])).json()
    assert me["output_profile"] == "mp3-48k-mono-24000"  # the device learns its profile
    profiles = ["mp3-128k-mono-44100", "mp3-48k-mono-24000"]
    station = client.patch(f"/stations/{station_1}", json={"output_profiles": profiles})
    assert station.status_code == 200, station.text
    assert station.json()["output_profiles"] == profiles
