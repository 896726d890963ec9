"""Stations are sealed from each other: every route of the OpenAPI document, as a user of another
station, answers as if station 1's rows did not exist; as each role of station 1, they do; with a
device token of station 1 (role player), only the player's routes answer, with station 1's rows.

The operations come from the app's OpenAPI document; a route missing from CASES fails the test.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from isolation_world import DAY, World, build_world, url_for, wav_bytes

from api.route_actions import PLAYER_ROUTES, action_for
from broadcast.access.roles import DEVICE_ACTIONS, ROLE_ACTIONS
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import TEST_PASSWORD

HIDDEN, LIST, OWN, GLOBAL_ONLY = "hidden", "list", "own", "global-only"
DEVICE_ONLY = "device-only"  # a user, of any station, is refused (403)
PUBLIC = {("GET", "/health"), ("POST", "/auth/login")}  # no token needed
REFERENCES = {
    "station_id",
    "campaign_id",
    "phase_id",
    "parent_id",
    "unit_id",
}  # body fields: a parent row
PERIOD = {"from": "2020-10-01", "to": "2020-10-31"}
HEARTBEAT = {
    "playing": {"session_id": "session", "title": "Bản tin"},
    "volume": 7,
    "free_disk_mb": 900,
    "agent_version": "loa-player 1.0",
    "clock": "2026-12-07T09:00:00Z",
}
ASRUN = {
    "reports": [
        {
            "id": "isolation-item-1",
            "kind": "item",  # not "session": that word stands for the session's id here
            "session_id": "session",
            "position": 0,
            "started_at": f"{DAY}T00:30:00Z",
            "ended_at": f"{DAY}T00:40:00Z",
            "outcome": "completed",
            "played_s": 600,
        }
    ]
}
Check = Callable[[World, Any], bool]


@dataclass(frozen=True)
class Case:
    """How to call one operation against station 1, and what an outsider must get."""

    expect: str
    json: dict[str, Any] | None = None
    query: dict[str, Any] | None = None
    form: dict[str, str] | None = None
    files: bool = False  # send a small WAV (or CSV for the lexicon) as `file`
    check: Check | None = None  # for LIST: True when the answer holds nothing of station 1


def _no_station_1(_w: World, body: Any) -> bool:
    return all(row.get("station_id") != 1 for row in body)


def _ids_without(kind: str) -> Check:
    return lambda w, body: w.ids[kind] not in {row["id"] for row in body}


def _empty(_w: World, body: Any) -> bool:
    return body == []


def _scheduler(_w: World, body: Any) -> bool:
    state = body.get("state", body)
    runs = body.get("runs", [])
    stations = [s["station_id"] for s in state["stations"]]
    return 1 not in stations and all(run["station_id"] != 1 for run in runs)


CASES: dict[tuple[str, str], Case] = {
    ("GET", "/health"): Case(OWN),
    ("GET", "/voices"): Case(OWN),
    ("POST", "/auth/login"): Case(OWN, json={"username": "qt-ben-kia", "password": TEST_PASSWORD}),
    ("POST", "/auth/logout"): Case(OWN),
    ("GET", "/auth/me"): Case(OWN),
    ("GET", "/auth/tokens"): Case(OWN),
    ("POST", "/auth/tokens"): Case(OWN, json={"name": "may-khac"}),
    ("DELETE", "/auth/tokens/{token_id}"): Case(HIDDEN),
    ("GET", "/stations"): Case(LIST, check=_ids_without("station")),
    ("POST", "/stations"): Case(GLOBAL_ONLY, json={"name": "Đài mới"}),
    ("GET", "/stations/{row_id}"): Case(HIDDEN),
    ("PATCH", "/stations/{row_id}"): Case(HIDDEN, json={"name": "Đổi tên"}),
    ("DELETE", "/stations/{row_id}"): Case(HIDDEN),
    ("GET", "/slots"): Case(LIST, query={"station_id": 1}, check=_empty),
    ("POST", "/slots"): Case(HIDDEN, json={"station_id": 1, "name": "Trưa", "start": "11:00"}),
    ("GET", "/slots/{row_id}"): Case(HIDDEN),
    ("PATCH", "/slots/{row_id}"): Case(HIDDEN, json={"name": "Đổi"}),
    ("DELETE", "/slots/{row_id}"): Case(HIDDEN),
    ("GET", "/campaigns"): Case(LIST, check=_no_station_1),
    ("POST", "/campaigns"): Case(HIDDEN, json={"station_id": 1, "title": "Chiến dịch"}),
    ("GET", "/campaigns/{row_id}"): Case(HIDDEN),
    ("PATCH", "/campaigns/{row_id}"): Case(HIDDEN, json={"title": "Đổi"}),
    ("DELETE", "/campaigns/{row_id}"): Case(HIDDEN),
    ("POST", "/campaigns/import"): Case(HIDDEN, form={"station_id": "1"}, files=True),
    ("POST", "/campaigns/import/preview"): Case(HIDDEN, form={"station_id": "1"}, files=True),
    ("POST", "/campaigns/{campaign_id}/reimport"): Case(HIDDEN, files=True),
    ("POST", "/campaigns/{campaign_id}/reimport/preview"): Case(HIDDEN, files=True),
    ("GET", "/campaigns/{campaign_id}/import"): Case(HIDDEN),
    ("POST", "/campaigns/{campaign_id}/activate"): Case(HIDDEN),
    ("GET", "/events"): Case(LIST, check=_empty),
    ("POST", "/events"): Case(HIDDEN, json={"campaign_id": "campaign", "name": "Sự kiện"}),
    ("GET", "/events/{row_id}"): Case(HIDDEN),
    ("PATCH", "/events/{row_id}"): Case(HIDDEN, json={"name": "Đổi"}),
    ("DELETE", "/events/{row_id}"): Case(HIDDEN),
    ("GET", "/phases"): Case(LIST, check=_empty),
    ("POST", "/phases"): Case(
        HIDDEN,
        json={"campaign_id": "campaign", "title": "Gđ", "starts_on": DAY, "ends_on": DAY},
    ),
    ("GET", "/phases/{row_id}"): Case(HIDDEN),
    ("PATCH", "/phases/{row_id}"): Case(HIDDEN, json={"title": "Đổi"}),
    ("DELETE", "/phases/{row_id}"): Case(HIDDEN),
    ("GET", "/topics"): Case(LIST, check=_empty),
    ("POST", "/topics"): Case(HIDDEN, json={"phase_id": "phase", "text": "Chủ đề"}),
    ("GET", "/topics/{row_id}"): Case(HIDDEN),
    ("PATCH", "/topics/{row_id}"): Case(HIDDEN, json={"text": "Đổi"}),
    ("DELETE", "/topics/{row_id}"): Case(HIDDEN),
    ("GET", "/segments"): Case(LIST, check=_no_station_1),
    ("POST", "/segments"): Case(HIDDEN, json={"station_id": 1, "title": "Tin", "script": "A."}),
    ("GET", "/segments/{segment_id}"): Case(HIDDEN),
    ("PATCH", "/segments/{segment_id}"): Case(HIDDEN, json={"title": "Đổi"}),
    ("DELETE", "/segments/{segment_id}"): Case(HIDDEN),
    ("POST", "/segments/{segment_id}/approve"): Case(HIDDEN),
    ("POST", "/segments/approve"): Case(HIDDEN, json={"ids": ["segment"]}),
    ("POST", "/segments/{segment_id}/return"): Case(HIDDEN, json={"note": "Sửa lại"}),
    ("POST", "/segments/{segment_id}/fast-track"): Case(HIDDEN, json={"note": "Khẩn"}),
    ("POST", "/segments/{segment_id}/render"): Case(HIDDEN),
    ("POST", "/segments/{segment_id}/submit"): Case(HIDDEN, json={"note": "Nhờ duyệt"}),
    ("GET", "/segments/{segment_id}/audio"): Case(HIDDEN),
    ("POST", "/segments/{segment_id}/audio"): Case(HIDDEN, files=True),
    ("GET", "/segments/{segment_id}/waveform.svg"): Case(HIDDEN),
    ("GET", "/assets/{asset_id}/waveform.svg"): Case(HIDDEN),
    ("GET", "/library"): Case(LIST, check=_no_station_1),
    ("POST", "/library"): Case(HIDDEN, form={"station_id": "1", "kind": "bed"}, files=True),
    ("GET", "/library/{item_id}"): Case(HIDDEN),
    ("PATCH", "/library/{item_id}"): Case(HIDDEN, json={"title": "Đổi"}),
    ("DELETE", "/library/{item_id}"): Case(HIDDEN),
    ("POST", "/library/{item_id}/replace"): Case(HIDDEN, files=True),
    ("GET", "/library/{item_id}/audio"): Case(HIDDEN),
    ("POST", "/segments/{segment_id}/library-audio"): Case(
        HIDDEN, json={"item_id": "library_item"}
    ),
    ("GET", "/playlists"): Case(LIST, check=_no_station_1),
    ("POST", "/playlists/generate"): Case(HIDDEN, json={"station_id": 1, "day": DAY, "slot_id": 1}),
    ("GET", "/playlists/{playlist_id}"): Case(HIDDEN),
    ("POST", "/playlists/{playlist_id}/regenerate"): Case(HIDDEN),
    ("POST", "/playlists/{playlist_id}/items"): Case(
        HIDDEN, json={"segment_id": "segment", "position": 0}
    ),
    ("DELETE", "/playlists/{playlist_id}/items/{position}"): Case(HIDDEN),
    ("POST", "/playlists/{playlist_id}/items/{position}/move"): Case(HIDDEN, json={"to": 1}),
    ("POST", "/playlists/{playlist_id}/items/{position}/pin"): Case(HIDDEN, json={}),
    ("POST", "/playlists/{playlist_id}/lock"): Case(HIDDEN, json={}),
    ("POST", "/playlists/{playlist_id}/export"): Case(HIDDEN),
    ("GET", "/playlists/{playlist_id}/waveform.svg"): Case(HIDDEN),
    ("GET", "/schedule"): Case(HIDDEN, query={"station": 1, **PERIOD}),
    ("POST", "/schedule/lock"): Case(HIDDEN, json={"station_id": 1, "from": DAY, "to": DAY}),
    ("POST", "/schedule/lock-day"): Case(HIDDEN, json={"station_id": 1, "day": DAY}),
    ("POST", "/schedule/urgent"): Case(HIDDEN, json={"station_id": 1}),
    ("GET", "/scheduler"): Case(LIST, check=_scheduler),
    ("POST", "/scheduler/run"): Case(LIST, check=lambda _w, body: body["status"] == "queued"),
    ("GET", "/jobs/{job_id}"): Case(HIDDEN),
    ("GET", "/exports/{export_id}"): Case(HIDDEN),
    ("GET", "/exports/{export_id}/download"): Case(HIDDEN),
    ("GET", "/exports/{export_id}/audio.mp3"): Case(HIDDEN),
    ("POST", "/exports/bundle"): Case(HIDDEN, json={"station_id": 1, "from": DAY, "to": DAY}),
    ("GET", "/exports/bundle/{job_id}/download"): Case(HIDDEN),
    ("POST", "/speech/preview"): Case(HIDDEN, json={"text": "Xin chào.", "station_id": 1}),
    ("GET", "/speech/audio/{job_id}.wav"): Case(HIDDEN),
    ("GET", "/lexicon"): Case(LIST, check=_no_station_1),
    ("POST", "/lexicon"): Case(
        HIDDEN, json={"written": "VNeID", "spoken": "vê en ít", "station_id": 1}
    ),
    ("GET", "/lexicon/export.csv"): Case(HIDDEN, query={"station_id": 1}),
    ("POST", "/lexicon/import"): Case(HIDDEN, files=True),
    ("GET", "/lexicon/{entry_id}"): Case(HIDDEN),
    ("PATCH", "/lexicon/{entry_id}"): Case(HIDDEN, json={"spoken": "gia lô"}),
    ("DELETE", "/lexicon/{entry_id}"): Case(HIDDEN),
    ("GET", "/lexicon/{entry_id}/history"): Case(HIDDEN),
    ("POST", "/lexicon/{entry_id}/restore"): Case(HIDDEN, json={}),
    ("POST", "/asrun"): Case(
        HIDDEN, json={"station_id": 1, "status": "aired", "day": DAY, "slot": "17:00"}
    ),
    ("POST", "/asrun/day"): Case(HIDDEN, json={"station_id": 1, "day": DAY}),
    ("POST", "/asrun/upload"): Case(HIDDEN, form={"station_id": "1"}, files=True),
    ("GET", "/asrun"): Case(HIDDEN, query={"station": 1, **PERIOD}),
    ("GET", "/reports/airtime"): Case(HIDDEN, query={"station": 1, **PERIOD}),
    ("GET", "/reports/airtime/chart.svg"): Case(HIDDEN, query={"station": 1, **PERIOD}),
    ("GET", "/audit"): Case(LIST, check=lambda _w, body: all(e["station_id"] != 1 for e in body)),
    ("GET", "/users"): Case(LIST, check=_ids_without("user")),
    ("POST", "/users"): Case(
        HIDDEN,
        json={
            "username": "moi-phuong",
            "password": "mat-khau-du-dai",
            "roles": [{"role": "editor", "station_id": 1}],
        },
    ),
    ("GET", "/users/{user_id}"): Case(HIDDEN),
    ("GET", "/devices"): Case(LIST, check=_no_station_1),
    ("POST", "/devices"): Case(
        HIDDEN, json={"station_id": 1, "name": "Cụm mới", "kind": "fm_bridge", "volume": 5}
    ),
    ("GET", "/devices/{device_id}"): Case(HIDDEN),
    ("PATCH", "/devices/{device_id}"): Case(HIDDEN, json={"volume": 3}),
    ("POST", "/devices/{device_id}/token"): Case(HIDDEN),
    ("GET", "/player/v1/me"): Case(DEVICE_ONLY),
    ("GET", "/player/v1/schedule"): Case(DEVICE_ONLY),
    ("GET", "/player/v1/files/{export_id}"): Case(DEVICE_ONLY),
    ("POST", "/player/v1/heartbeat"): Case(DEVICE_ONLY, json=HEARTBEAT),
    ("POST", "/player/v1/asrun"): Case(DEVICE_ONLY, json=ASRUN),
    ("GET", "/player/v1/events"): Case(DEVICE_ONLY, query={"max_s": 0}),
    ("GET", "/player/v1/alerts"): Case(DEVICE_ONLY),
    ("GET", "/player/v1/alerts/{alert_id}/audio"): Case(DEVICE_ONLY),
    ("GET", "/player/v1/alerts/{alert_id}/live"): Case(DEVICE_ONLY),
    ("GET", "/alerts"): Case(LIST, check=_no_station_1),
    ("POST", "/alerts"): Case(HIDDEN, json={"station_id": 1, "kind": "live"}),
    ("POST", "/alerts/{alert_id}/end"): Case(HIDDEN),
    ("POST", "/alerts/{alert_id}/live"): Case(HIDDEN, query={"seq": 0}),
    ("PATCH", "/users/{user_id}"): Case(HIDDEN, json={"full_name": "Đổi tên"}),
    ("GET", "/units"): Case(LIST, check=_ids_without("unit")),
    ("POST", "/units"): Case(
        HIDDEN, json={"name": "Thôn Mới", "kind": "commune", "parent_id": "unit"}
    ),
    ("GET", "/units/{unit_id}"): Case(HIDDEN),
    ("PATCH", "/units/{unit_id}"): Case(HIDDEN, json={"name": "Đổi tên"}),
    ("DELETE", "/units/{unit_id}"): Case(HIDDEN),
    ("GET", "/bulletins"): Case(LIST, check=_ids_without("bulletin")),
    ("POST", "/bulletins"): Case(
        HIDDEN, json={"unit_id": "unit", "title": "Tin", "air_start": DAY, "air_end": DAY}
    ),
    ("GET", "/bulletins/{bulletin_id}"): Case(HIDDEN),
    ("PATCH", "/bulletins/{bulletin_id}"): Case(HIDDEN, json={"title": "Đổi"}),
    ("POST", "/bulletins/{bulletin_id}/audio"): Case(HIDDEN, files=True),
    ("GET", "/bulletins/{bulletin_id}/audio"): Case(HIDDEN),
    ("POST", "/bulletins/{bulletin_id}/approve"): Case(HIDDEN, json={}),
    ("GET", "/bulletins/{bulletin_id}/deliveries"): Case(HIDDEN),
    ("GET", "/stations/{station_id}/bulletins"): Case(HIDDEN),
    ("POST", "/deliveries/{delivery_id}/place"): Case(HIDDEN, json={"playlist_id": "session"}),
    ("POST", "/deliveries/{delivery_id}/refuse"): Case(HIDDEN, json={"reason": "Không phù hợp"}),
    ("POST", "/deliveries/{delivery_id}/order"): Case(HIDDEN, json={"bulletin_first": False}),
    ("GET", "/units/{unit_id}/report"): Case(HIDDEN, query=PERIOD),
    ("GET", "/units/{unit_id}/report/chart.svg"): Case(HIDDEN, query=PERIOD),
    ("GET", "/units/{unit_id}/report/monthly"): Case(HIDDEN, query={"month": "2020-10"}),
    ("GET", "/stations/{station_id}/stream"): Case(HIDDEN),
    ("GET", "/stations/{station_id}/stream/hls/{name}"): Case(HIDDEN),
}


def _body(case: Case, ids: dict[str, int]) -> dict[str, Any] | None:
    """The JSON body with named kinds (\"campaign\", \"segment\"…) replaced by their ids."""
    if case.json is None:
        return None

    def named(value: Any) -> Any:
        if isinstance(value, list):
            return [named(item) for item in value]
        if isinstance(value, dict):
            return {key: named(item) for key, item in value.items()}
        return ids[value] if isinstance(value, str) and value in ids else value

    return {key: named(value) for key, value in case.json.items()}


def call(client: TestClient, key: tuple[str, str], headers: dict[str, str], ids: dict[str, int]):
    """Run one operation of CASES against station 1's rows."""
    method, path = key
    case = CASES[key]
    files = None
    if case.files:
        content = "written,spoken,scope\nHTX,hợp tác xã,station:1\n".encode()
        wanted = ("tu-dien.csv", content, "text/csv") if "lexicon" in path else None
        files = {"file": wanted or ("tep.wav", wav_bytes(), "audio/wav")}
    return client.request(
        method,
        url_for(path, ids),
        headers=headers,
        json=_body(case, ids),
        params=case.query,
        data=case.form,
        files=files,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = make_settings(tmp_path_factory.mktemp("isolation"), load_demo=True)
    with open_client(settings) as client:
        yield build_world(client, settings)


def test_every_route_has_a_case(world: World) -> None:
    spec = world.client.app.openapi()  # type: ignore[attr-defined]
    routes = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert routes == set(CASES)


def assert_outside(world: World, key: tuple[str, str], headers: dict[str, str]) -> None:
    """The caller (of another station or commune) finds nothing of station 1 by this route."""
    case = CASES[key]
    response = call(world.client, key, headers, world.ids)
    if case.expect == HIDDEN:
        refused_reference = (
            response.status_code == 422 and response.json().get("field") in REFERENCES
        )
        assert response.status_code == 404 or refused_reference, response.text
    elif case.expect in (GLOBAL_ONLY, DEVICE_ONLY):
        assert response.status_code == 403, response.text
    elif case.expect == LIST:
        assert response.status_code in (200, 202), response.text
        assert case.check is not None and case.check(world, response.json()), response.text
    else:
        assert response.status_code < 400, response.text


@pytest.mark.parametrize("key", list(CASES), ids=lambda k: f"{k[0]} {k[1]}")
def test_another_station_sees_nothing_of_station_1(world: World, key: tuple[str, str]) -> None:
    assert_outside(world, key, world.outsider)


READS = [
    key for key, case in CASES.items() if key[0] == "GET" and case.expect not in (OWN, DEVICE_ONLY)
]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_of_station_1_reaches_its_rows(world: World, role: Role) -> None:
    assert unreached(world, world.insiders[role]) == {}


def unreached(world: World, headers: dict[str, str]) -> dict[str, int]:
    """The read routes that answer as if station 1's rows did not exist (or fail)."""
    missing = {}
    for key in READS:
        response = call(world.client, key, headers, world.ids)
        if response.status_code == 404 or response.status_code >= 500:
            missing[f"{key[0]} {key[1]}"] = response.status_code
    return missing


@pytest.mark.parametrize(
    "key", [key for key in CASES if key not in PUBLIC], ids=lambda k: f"{k[0]} {k[1]}"
)
def test_a_device_token_reaches_only_the_player_routes(world: World, key: tuple[str, str]) -> None:
    response = call(world.client, key, world.device, world.ids)
    if key in PLAYER_ROUTES and ("/files/" in key[1] or key[1].endswith("/audio")):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "audio/mpeg"  # station 1's export or alert
    elif key == ("GET", "/player/v1/events"):  # the stream of station 1's alerts, ended at once
        assert response.status_code == 200, response.text
        assert f"id: {world.ids['alert']}\nevent: alert" in response.text
    elif key == ("GET", "/player/v1/alerts"):
        assert response.status_code == 200, response.text
        assert [a["alert_id"] for a in response.json()["alerts"]] == [world.ids["alert"]]
    elif key == ("GET", "/player/v1/alerts/{alert_id}/live"):  # reached, but not a live alert
        assert response.status_code == 404, response.text
        assert "trực tiếp" in response.json()["detail"], response.text
    elif key == ("POST", "/player/v1/heartbeat"):  # stored on the device itself, of station 1
        assert response.status_code == 200, response.text
        shown = world.client.get(f"/devices/{world.ids['device']}").json()
        assert shown["reported_state"]["playing"]["session_id"] == world.ids["session"]
    elif key == ("POST", "/player/v1/asrun"):  # its own station's session: stored (or resent)
        assert response.status_code == 200, response.text
        assert response.json()["accepted"] + response.json()["duplicates"] == 1
    elif key in PLAYER_ROUTES:
        assert response.status_code == 200, response.text
        assert response.json()["station_id"] == 1  # its own station's rows, no other's
    else:
        assert response.status_code in (403, 404), response.text


def test_player_routes_are_reads_or_device_only_writes() -> None:
    writes = {key for key in PLAYER_ROUTES if key[0] != "GET"}
    assert writes and all(action_for(*key) in DEVICE_ACTIONS for key in writes)
    assert all(not ROLE_ACTIONS[role] & DEVICE_ACTIONS for role in Role)
