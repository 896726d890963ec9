"""Role matrix: every role × every kind of write → allowed or 403; no credentials → 401."""

import io
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.route_actions import WRITE_ACTIONS, action_for
from broadcast.access import ROLE_ACTIONS, Action
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.models.accounts import Role, UserRole

from conftest import make_settings, open_client
from factories import add_user, bearer

DAY = "2020-10-07"  # a Wednesday inside the demo campaign


def _wav() -> bytes:
    """Half a second of a 440 Hz square-ish tone: something that decodes and is not silent."""
    frames = bytes((0x00, 0x40) * 1000 + (0x00, 0xC0) * 1000) * 6
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(frames)
    return out.getvalue()


Request = Callable[[TestClient, dict[str, str], str], Any]


def _draft(client: TestClient, tag: str, **extra: Any) -> int:
    body = {"station_id": 1, "title": f"Bản tin {tag}", "script": "Kính thưa bà con."} | extra
    response = client.post("/segments", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _segment_write(c: TestClient, h: dict[str, str], tag: str) -> Any:
    return c.post(
        "/segments", json={"station_id": 1, "title": tag, "script": "Xin chào."}, headers=h
    )


def _record(c: TestClient, h: dict[str, str], tag: str) -> Any:
    seg = _draft(c, tag)
    files = {"file": (f"{tag}.wav", _wav(), "audio/wav")}
    return c.post(f"/segments/{seg}/audio", files=files, headers=h)


def _approve(c: TestClient, h: dict[str, str], tag: str) -> Any:
    return c.post(f"/segments/{_draft(c, tag)}/approve", headers=h)


def _fast_track(c: TestClient, h: dict[str, str], tag: str) -> Any:
    seg = _draft(c, tag, bulletin_class="emergency")
    note = {"note": "Bão số 5 đổ bộ trong đêm nay, cần phát ngay"}
    return c.post(f"/segments/{seg}/fast-track", json=note, headers=h)


def _export(c: TestClient, h: dict[str, str], tag: str) -> Any:
    return c.post("/exports/bundle", json={"station_id": 1, "from": DAY, "to": DAY}, headers=h)


def _unit(c: TestClient, kind: str) -> int:
    """The fixture's province or its commune (station 1's unit)."""
    return next(int(u["id"]) for u in c.get("/units").json() if u["kind"] == kind)


def _issue(c: TestClient, h: dict[str, str], tag: str) -> Any:
    body = {"unit_id": _unit(c, "province"), "title": tag, "air_start": DAY, "air_end": DAY}
    return c.post("/bulletins", json=body, headers=h)


def _place(c: TestClient, h: dict[str, str], tag: str) -> Any:
    """Order a bulletin the commune issued and another user approved, as station 1."""
    body = {"unit_id": _unit(c, "commune"), "title": tag, "air_start": DAY, "air_end": DAY}
    bulletin = c.post("/bulletins", json=body | {"script": "Kính thưa bà con."}).json()
    approver = c.approver_headers  # type: ignore[attr-defined]
    delivery = c.post(f"/bulletins/{bulletin['id']}/approve", headers=approver).json()[0]
    return c.post(f"/deliveries/{delivery['id']}/order", json={"bulletin_first": False}, headers=h)


WRITES: dict[Action, Request] = {
    Action.MANAGE_STATION: lambda c, h, t: c.patch(
        "/stations/1", json={"locality": f"Hà Nội {t}"}, headers=h
    ),
    Action.MANAGE_USERS: lambda c, h, t: c.post(
        "/users",
        json={
            "username": f"u-{t}",
            "password": "mot-mat-khau-dai",
            "roles": [{"role": "viewer", "station_id": 1}],
        },
        headers=h,
    ),
    Action.EDIT_CAMPAIGN: lambda c, h, t: c.post(
        "/campaigns", json={"station_id": 1, "title": f"Chiến dịch {t}"}, headers=h
    ),
    Action.EDIT_SEGMENT: _segment_write,
    Action.RECORD_AUDIO: _record,
    Action.APPROVE_SEGMENT: _approve,
    Action.FAST_TRACK: _fast_track,
    Action.EDIT_LEXICON: lambda c, h, t: c.post(
        "/lexicon",
        json={"written": f"QX{len(t)}{t[:2].upper()}", "spoken": "quy ích", "station_id": 1},
        headers=h,
    ),
    Action.PREVIEW_SPEECH: lambda c, h, t: c.post(
        "/speech/preview", json={"text": "Kính thưa bà con.", "station_id": 1}, headers=h
    ),
    Action.PROGRAMME: lambda c, h, t: c.post(
        "/playlists/generate", json={"station_id": 1, "day": DAY, "slot_id": 1}, headers=h
    ),
    Action.EXPORT: _export,
    Action.LOG_ASRUN: lambda c, h, t: c.post(
        "/asrun", json={"station_id": 1, "status": "aired", "day": DAY, "slot": "06:30"}, headers=h
    ),
    Action.OWN_TOKENS: lambda c, h, t: c.post("/auth/tokens", json={"name": t}, headers=h),
    Action.MANAGE_DEVICES: lambda c, h, t: c.post(
        "/devices", json={"station_id": 1, "name": t, "kind": "ip_receiver"}, headers=h
    ),
    Action.SEND_ALERT: lambda c, h, t: c.post(
        "/alerts", json={"station_id": 1, "kind": "live", "title": t}, headers=h
    ),
    Action.HEARTBEAT: lambda c, h, t: c.post(  # a device's only: every user role gets 403
        "/player/v1/heartbeat",
        json={"volume": 5, "free_disk_mb": 1, "agent_version": t, "clock": f"{DAY}T06:00:00Z"},
        headers=h,
    ),
    Action.REPORT_ASRUN: lambda c, h, t: c.post(  # a device's only: every user role gets 403
        "/player/v1/asrun",
        json={
            "reports": [
                {
                    "id": f"report-{t}",
                    "kind": "alert",
                    "alert_id": 1,
                    "started_at": f"{DAY}T06:00:00Z",
                    "ended_at": f"{DAY}T06:01:00Z",
                    "outcome": "completed",
                    "played_s": 60,
                }
            ]
        },
        headers=h,
    ),
    Action.ISSUE_BULLETIN: _issue,
    Action.PLACE_BULLETIN: _place,
}


@pytest.fixture(scope="module", params=[None, 1], ids=["every-station", "station-1"])
def demo(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[tuple[TestClient, dict[Role, str]]]:
    """The demo, and a user of each role: on every station, or on station 1 (the demo's); each
    holds the same role on the province station 1's commune lies in (bulletins are issued there)."""
    settings = make_settings(tmp_path_factory.mktemp("access"), load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        province = client.post("/units", json={"name": "Tỉnh", "kind": "province"}).json()
        commune = {"name": "Xã", "kind": "commune", "parent_id": province["id"]}
        client.patch(
            "/stations/1", json={"unit_id": client.post("/units", json=commune).json()["id"]}
        )
        users = {role: add_user(engine, f"vai-{role.value}", role, request.param) for role in Role}
        with transaction(engine) as db:
            for role, (user_id, _token) in users.items():
                db.add(UserRole(user_id=user_id, role=role, unit_id=province["id"]))
        tokens = {role: token for role, (_user_id, token) in users.items()}
        client.post("/playlists/generate", json={"station_id": 1, "day": DAY, "slot_id": 1})
        yield client, tokens


def test_every_write_route_has_an_access_rule(settings: Settings) -> None:
    paths = create_app(settings).openapi()["paths"]
    writes = [(m.upper(), p) for p, ops in paths.items() for m in ops if m.upper() != "GET"]
    assert len(writes) > 40
    unclassified = []
    for method, path in writes:
        try:
            action_for(method, path)
        except LookupError:
            unclassified.append(f"{method} {path}")
    assert unclassified == []


def test_the_route_table_names_only_routes_the_app_has(settings: Settings) -> None:
    paths = create_app(settings).openapi()["paths"]
    routes = {(method.upper(), path) for path, ops in paths.items() for method in ops}
    assert set(WRITE_ACTIONS) - routes == set()
    assert action_for("post", "/segments/{segment_id}/approve") == Action.APPROVE_SEGMENT
    assert action_for("GET", "/segments/{segment_id}") is None
    with pytest.raises(LookupError):
        action_for("POST", "/segments/{segment_id}/unknown")


def test_the_matrix_covers_every_action() -> None:
    assert set(WRITES) == set(Action)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_role_matrix(demo: tuple[TestClient, dict[Role, str]], role: Role, action: Action) -> None:
    client, tokens = demo
    response = WRITES[action](client, bearer(tokens[role]), f"{role.value}-{action.name.lower()}")
    if action in ROLE_ACTIONS[role]:
        assert response.status_code < 400, response.text
    else:
        assert response.status_code == 403, response.text
        assert response.json()["error"] == "forbidden"


@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_no_credentials_is_401(demo: tuple[TestClient, dict[Role, str]], action: Action) -> None:
    client, _tokens = demo
    anonymous = TestClient(client.app)
    response = WRITES[action](anonymous, {}, "anonymous") if action not in _NEEDS_SETUP else None
    if response is None:  # these build their target with the admin client first
        response = anonymous.post("/segments/1/approve")
    assert response.status_code == 401
    assert response.json() == {
        "error": "unauthenticated",
        "detail": "chưa đăng nhập hoặc phiên đăng nhập đã hết hạn",
        "code": "login.required",
    }


_NEEDS_SETUP = {
    Action.RECORD_AUDIO,
    Action.APPROVE_SEGMENT,
    Action.FAST_TRACK,
    Action.ISSUE_BULLETIN,
    Action.PLACE_BULLETIN,
}


def test_reads_need_credentials_too(demo: tuple[TestClient, dict[Role, str]]) -> None:
    client, tokens = demo
    anonymous = TestClient(client.app)
    for path in (
        "/segments",
        "/stations",
        "/audit",
        "/voices",
        "/schedule?station=1&from=2020-10-05&to=2020-10-09",
    ):
        assert anonymous.get(path).status_code == 401, path
        assert anonymous.get(path, headers=bearer("loa_not-a-token")).status_code == 401, path
        assert client.get(path, headers=bearer(tokens[Role.VIEWER])).status_code == 200, path
    assert anonymous.get("/health").status_code == 200


def test_roles_apply_to_their_own_station_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        other = client.post("/stations", json={"name": "Đài xã Bên Cạnh"}).json()
        _uid, token = add_user(get_engine(settings.db_url), "bt-xa", Role.EDITOR, other["id"])
        body = {"title": "Thông báo", "script": "Kính thưa bà con."}
        own = client.post(
            "/segments", json=body | {"station_id": other["id"]}, headers=bearer(token)
        )
        foreign = client.post("/segments", json=body | {"station_id": 1}, headers=bearer(token))
    assert own.status_code == 201, own.text
    # another station reads as missing: the same answer as a station that does not exist
    assert foreign.status_code == 422
    assert (foreign.json()["field"], foreign.json()["detail"]) == (
        "station_id",
        "station_id: đài 1 không tồn tại",
    )
