"""A locked session is frozen for every edit path of the API; a day or a range locks at once.

The edit routes are read from the access table (every PROGRAMME write on one session), so a
new edit route fails here until it says how it is called.
"""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.route_actions import WRITE_ACTIONS
from broadcast.access import Action
from broadcast.campaigns import load_demo
from broadcast.db import get_engine, transaction
from broadcast.models import BroadcastSession
from broadcast.models.accounts import Role
from broadcast.programming.urgent import urgent_into_locked

from factories import add_user, approved_emergency, bearer

DAY = "2020-10-05"  # a demo Monday with two sessions
Session = dict[str, Any]
# How each edit route is called on a stored session: (path suffix, JSON body) from the session.
Call = Callable[[Session], tuple[str, dict[str, Any] | None]]


def _addable(session: Session) -> int:
    """A demo segment that is not in the session (the first removed by hand, else any)."""
    return int(session["_spare"])


EDIT_CALLS: dict[tuple[str, str], Call] = {
    ("POST", "/playlists/{playlist_id}/items"): lambda s: ("/items", {"segment_id": _addable(s)}),
    ("DELETE", "/playlists/{playlist_id}/items/{position}"): lambda s: ("/items/2", None),
    ("POST", "/playlists/{playlist_id}/items/{position}/move"): lambda s: (
        "/items/2/move",
        {"to": 1},
    ),
    ("POST", "/playlists/{playlist_id}/items/{position}/pin"): lambda s: (
        "/items/2/pin",
        {"pinned": True},
    ),
    ("POST", "/playlists/{playlist_id}/regenerate"): lambda s: ("/regenerate", None),
}
NOT_EDITS = {"/playlists/{playlist_id}/lock"}  # unlocking must stay possible
EDIT_ROUTES = sorted(
    key
    for key, action in WRITE_ACTIONS.items()
    if action is Action.PROGRAMME and "{playlist_id}" in key[1] and key[1] not in NOT_EDITS
)


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _session(client: TestClient) -> Session:
    """The demo's morning session of DAY, with a spare segment id to insert."""
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        station = load_demo(db).id or 0
    body = {"station_id": station, "from": DAY, "to": DAY}
    made = _ok(client.post("/playlists/generate", json=body), 201)
    session: Session = _ok(client.get(f"/playlists/{made['sessions'][0]['playlist_id']}"))
    spare = session["items"][2]["segment_id"]
    _ok(client.delete(f"/playlists/{session['id']}/items/2"))  # now out, and insertable
    session = _ok(client.get(f"/playlists/{session['id']}"))
    session["_spare"] = spare
    return session


def test_every_edit_route_of_a_session_is_checked_here() -> None:
    assert set(EDIT_CALLS) == set(EDIT_ROUTES)


@pytest.mark.parametrize("route", EDIT_ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
def test_a_locked_session_refuses_the_edit_and_an_unlocked_one_takes_it(
    client: TestClient, route: tuple[str, str]
) -> None:
    session = _session(client)
    pid = session["id"]
    suffix, body = EDIT_CALLS[route](session)
    url = f"/playlists/{pid}{suffix}"
    _ok(client.post(f"/playlists/{pid}/lock", json={"locked": True}))
    refused = client.request(route[0], url, json=body)
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "session.locked"
    assert "đã khoá" in refused.json()["detail"] and "mở khoá" in refused.json()["detail"]
    after = _ok(client.get(f"/playlists/{pid}"))
    assert after["items"] == session["items"] and after["locked"] is True
    _ok(client.post(f"/playlists/{pid}/lock", json={"locked": False}))
    taken = client.request(route[0], url, json=body)
    assert taken.status_code in (200, 201), taken.text


def test_generating_a_locked_session_by_day_is_refused_but_a_range_keeps_it(
    client: TestClient,
) -> None:
    session = _session(client)
    one = {"station_id": session["station_id"], "day": DAY, "slot_id": session["slot_id"]}
    _ok(client.post(f"/playlists/{session['id']}/lock", json={"locked": True}))
    refused = client.post("/playlists/generate", json=one)
    assert refused.status_code == 409 and refused.json()["code"] == "session.locked"
    week = {"station_id": session["station_id"], "from": DAY, "to": "2020-10-09"}
    ranged = _ok(client.post("/playlists/generate", json=week), 201)
    kept = [s for s in ranged["sessions"] if s["playlist_id"] == session["id"]]
    assert ranged["locked"] == 1 and kept[0]["changes"]["locked"] is True
    assert _ok(client.get(f"/playlists/{session['id']}"))["items"] == session["items"]


def test_lock_and_unlock_a_week_then_a_day(client: TestClient) -> None:
    session = _session(client)
    station = session["station_id"]
    week = {"station_id": station, "from": DAY, "to": "2020-10-11"}
    _ok(client.post("/playlists/generate", json=week), 201)
    locked = _ok(client.post("/schedule/lock", json=week))
    assert locked["locked"] is True and len(locked["playlist_ids"]) == 10  # 5 days × 2 slots
    listed = _ok(client.get("/playlists", params={"station": station, **week}))
    assert all(p["locked"] for p in listed) and len(listed) == 10
    day = {"station_id": station, "from": "2020-10-06", "to": "2020-10-06", "locked": False}
    opened = _ok(client.post("/schedule/lock", json=day))
    assert len(opened["playlist_ids"]) == 2
    listed = _ok(client.get("/playlists", params={"station": station, **week}))
    assert [p["day"] for p in listed if not p["locked"]] == ["2020-10-06", "2020-10-06"]
    moved = client.post(f"/playlists/{opened['playlist_ids'][0]}/items/1/move", json={"to": 2})
    assert moved.status_code == 200, moved.text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"from": "2020-10-12", "to": "2020-10-18"}, "from"),  # nothing programmed yet
        ({"from": "2020-10-09", "to": "2020-10-05"}, "to"),
        ({"from": "2020-10-05", "to": "2021-10-05"}, "to"),
        ({"from": "2020-10-05"}, "to"),
    ],
)
def test_a_bad_lock_range_names_its_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    session = _session(client)
    refused = client.post("/schedule/lock", json={"station_id": session["station_id"], **body})
    assert refused.status_code == 422 and refused.json()["field"] == field, refused.text


def test_unlocking_needs_the_right_to_programme(client: TestClient) -> None:
    session = _session(client)
    _ok(client.post(f"/playlists/{session['id']}/lock", json={"locked": True}))
    engine = get_engine(client.app.state.settings.db_url)  # type: ignore[attr-defined]
    viewer = bearer(add_user(engine, "chi-xem", Role.VIEWER, session["station_id"])[1])
    operator = bearer(add_user(engine, "phat-thanh", Role.OPERATOR, session["station_id"])[1])
    unlock = {"locked": False}
    refused = client.post(f"/playlists/{session['id']}/lock", json=unlock, headers=viewer)
    assert refused.status_code == 403
    week = {"station_id": session["station_id"], "from": DAY, "to": DAY, "locked": False}
    assert client.post("/schedule/lock", json=week, headers=viewer).status_code == 403
    opened = _ok(client.post(f"/playlists/{session['id']}/lock", json=unlock, headers=operator))
    assert opened["locked"] is False


def test_an_emergency_still_reaches_a_locked_session_after_the_opening(
    client: TestClient,
) -> None:
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        station = load_demo(db).id or 0
    first = approved_emergency(client, station, "Thông báo khẩn: bão số 5")
    placed = _ok(client.post("/schedule/urgent", json={"station_id": station}), 202)
    pid = placed["playlist_id"]
    before = _ok(client.get(f"/playlists/{pid}"))
    assert first in [i["segment_id"] for i in before["items"]]
    _ok(client.post(f"/playlists/{pid}/lock", json={"locked": True}))
    second = approved_emergency(client, station, "Thông báo khẩn: lũ quét")
    body = {"station_id": station, "segment_id": second}
    urgent = _ok(client.post("/schedule/urgent", json=body), 202)
    after = _ok(client.get(f"/playlists/{pid}"))
    assert urgent["playlist_id"] == pid and urgent["changes"]["added"] == [second]
    assert after["locked"] is True
    assert after["items"][0]["kind"] == "opening" and after["items"][1]["segment_id"] == second
    assert after["items"][1]["reason"].startswith("Tin khẩn cấp")
    rest = [i["segment_id"] for i in after["items"][:1] + after["items"][2:]]
    assert rest == [i["segment_id"] for i in before["items"]]  # the locked order is kept
    assert _ok(client.get(f"/jobs/{urgent['job_id']}"))["status"] == "queued"


def test_an_emergency_into_a_full_locked_session_drops_the_last_body_items(
    client: TestClient,
) -> None:
    session = _session(client)
    _ok(client.post(f"/playlists/{session['id']}/lock", json={"locked": True}))
    urgent = approved_emergency(client, session["station_id"], "Thông báo khẩn: sạt lở đất")
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with transaction(engine) as db:
        row = db.get(BroadcastSession, session["id"])
        assert row is not None
        changes = urgent_into_locked(db, row, [urgent], 1.0, row.total_s)  # no time to spare
    after = _ok(client.get(f"/playlists/{session['id']}"))
    ids = [i["segment_id"] for i in after["items"]]
    body = [i["segment_id"] for i in session["items"][1:-1]]
    assert changes["added"] == [urgent] and changes["removed"] == body[-len(changes["removed"]) :]
    assert changes["removed"] and after["locked"] is True
    assert ids[0] == session["items"][0]["segment_id"] and ids[1] == urgent
    assert ids[-1] == session["items"][-1]["segment_id"]  # the closing stays
    assert after["total_s"] <= session["total_s"]
