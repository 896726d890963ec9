"""Devices over HTTP: create, edit, disable, re-issue; a device's token works until it is
disabled or re-issued; refusals name the field; station admins reach their own devices only."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from factories import add_user, bearer, post_json

NEW = {"station_id": 1, "name": "Cụm loa chợ", "kind": "ip_receiver", "zone": "Tổ dân phố 3"}


def _station(client: TestClient, name: str = "Đài phường Thử") -> int:
    return int(post_json(client, "/stations", {"name": name})["id"])


@pytest.fixture(autouse=True)
def station_1(client: TestClient) -> int:
    """Station 1, where NEW goes."""
    return _station(client, "Đài phường Một")


def _me(client: TestClient, token: str) -> Any:
    return client.get("/player/v1/me", headers=bearer(token))


def test_a_device_is_made_with_its_token_shown_once(client: TestClient) -> None:
    station = _station(client)
    made = post_json(client, "/devices", {**NEW, "station_id": station, "latitude": 21.03})
    assert made["token"].startswith("loa_dev_") and made["token"][:14] == made["token_prefix"]
    assert (made["volume"], made["output_profile"], made["enabled"]) == (
        7,
        "mp3-128k-mono-44100",
        True,
    )
    assert made["agent_version"] is None and made["zone"] == "Tổ dân phố 3"
    again = client.get(f"/devices/{made['id']}").json()
    assert "token" not in again and "token_hash" not in again
    listed = client.get("/devices", params={"station_id": station}).json()
    assert [row["name"] for row in listed] == ["Cụm loa chợ"]
    me = _me(client, made["token"])
    assert me.status_code == 200, me.text
    assert (me.json()["id"], me.json()["station_id"]) == (made["id"], station)


def test_editing_renames_and_tunes_a_device_and_names_are_unique_per_station(
    client: TestClient,
) -> None:
    made = post_json(client, "/devices", NEW)
    patch = {"name": "Cụm loa đình", "volume": 3, "output_profile": "mp3-64k-mono-22050"}
    edited = client.patch(f"/devices/{made['id']}", json=patch | {"latitude": -10.5})
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["name"], body["volume"], body["output_profile"], body["latitude"]) == (
        "Cụm loa đình",
        3,
        "mp3-64k-mono-22050",
        -10.5,
    )
    other = post_json(client, "/devices", NEW)
    taken = client.patch(f"/devices/{other['id']}", json={"name": "Cụm loa đình"})
    assert taken.status_code == 409 and taken.json()["code"] == "device.name_taken"
    twice = client.post("/devices", json=NEW)
    assert twice.status_code == 409 and twice.json()["code"] == "device.name_taken"
    assert _me(client, made["token"]).status_code == 200  # editing keeps the token


def test_disabling_stops_the_token_at_once_and_enabling_brings_it_back(client: TestClient) -> None:
    made = post_json(client, "/devices", NEW)
    off = client.patch(f"/devices/{made['id']}", json={"enabled": False})
    assert off.status_code == 200 and off.json()["enabled"] is False
    refused = _me(client, made["token"])
    assert refused.status_code == 401 and refused.json()["code"] == "token.invalid"
    assert client.patch(f"/devices/{made['id']}", json={"enabled": True}).status_code == 200
    assert _me(client, made["token"]).status_code == 200


def test_reissuing_gives_a_new_token_and_the_old_one_stops(client: TestClient) -> None:
    made = post_json(client, "/devices", NEW)
    renewed = client.post(f"/devices/{made['id']}/token")
    assert renewed.status_code == 200, renewed.text
    token = renewed.json()["token"]
    assert token != made["token"] and renewed.json()["token_prefix"] == token[:14]
    assert _me(client, made["token"]).status_code == 401
    assert _me(client, token).status_code == 200
    log = client.get("/audit", params={"entity": "device"}).json()
    assert [e["action"] for e in log] == ["update", "create"]  # newest first
    assert log[0]["before"]["token_hash"] == log[0]["after"]["token_hash"] == "***"
    assert token not in str(log) and made["token"] not in str(log)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"volume": 0}, "volume"),
        ({"volume": 11}, "volume"),
        ({"latitude": 91}, "latitude"),
        ({"longitude": -181}, "longitude"),
        ({"kind": "loudspeaker"}, "kind"),
        ({"output_profile": "flac-lossless"}, "output_profile"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    created = client.post("/devices", json=NEW | change)
    assert created.status_code == 422 and created.json()["field"] == field, created.text
    made = post_json(client, "/devices", NEW | {"name": f"Cụm {field}"})
    edited = client.patch(f"/devices/{made['id']}", json=change)
    assert edited.status_code == 422 and edited.json()["field"] == field, edited.text


def test_a_station_admin_manages_only_its_own_devices(client: TestClient) -> None:
    other = _station(client, "Đài xã Bên Kia")
    theirs = post_json(client, "/devices", NEW | {"station_id": other})
    engine = get_engine(client.app.state.settings.db_url)  # type: ignore[attr-defined]
    admin = bearer(add_user(engine, "qt-phuong", Role.ADMIN, 1)[1])
    editor = bearer(add_user(engine, "bt-phuong", Role.EDITOR, 1)[1])
    mine = client.post("/devices", json=NEW, headers=admin)
    assert mine.status_code == 201, mine.text
    assert client.get(f"/devices/{theirs['id']}", headers=admin).status_code == 404
    patched = client.patch(f"/devices/{theirs['id']}", json={"volume": 2}, headers=admin)
    assert patched.status_code == 404
    assert client.post(f"/devices/{theirs['id']}/token", headers=admin).status_code == 404
    elsewhere = client.post("/devices", json=NEW | {"station_id": other}, headers=admin)
    assert elsewhere.status_code == 422 and elsewhere.json()["field"] == "station_id"
    listed = client.get("/devices", headers=admin).json()
    assert [row["id"] for row in listed] == [mine.json()["id"]]
    assert client.post("/devices", json=NEW | {"name": "B"}, headers=editor).status_code == 403
    assert client.get(f"/devices/{mine.json()['id']}", headers=editor).status_code == 200


def test_a_device_token_reaches_nothing_but_the_player_routes(client: TestClient) -> None:
    token = post_json(client, "/devices", NEW)["token"]
    for method, path in [("GET", "/auth/me"), ("GET", "/devices"), ("GET", "/segments")]:
        answer = client.request(method, path, headers=bearer(token))
        assert answer.status_code == 403 and answer.json()["code"] == "device.forbidden", path
    user_token_on_player = client.get("/player/v1/me")
    assert user_token_on_player.status_code == 403
