"""As-run API: a correction replaces the confirmation, a day is confirmed at once, a player
log keeps its matching lines and names each refused one, a future session is refused."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from broadcast.campaigns import load_demo
from broadcast.db import transaction

STATION = 1
MONTH = "from=2020-10-01&to=2020-10-31"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _programmed(client: TestClient, start: str = "2020-10-05", end: str = "2020-10-06") -> Any:
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        load_demo(db)
    body = {"station_id": STATION, "from": start, "to": end}
    return _ok(client.post("/playlists/generate", json=body), 201)["sessions"]


def _upload(client: TestClient, text: str) -> Any:
    return client.post(
        "/asrun/upload",
        data={"station_id": str(STATION)},
        files={"file": ("log.csv", text.encode("utf-8"), "text/csv")},
    )


def test_a_correction_replaces_the_confirmation_without_a_duplicate(client: TestClient) -> None:
    first = _programmed(client)[0]["playlist_id"]
    body = {"station_id": STATION, "playlist_id": first, "status": "aired"}
    aired = _ok(client.post("/asrun", json=body), 201)
    fix = {**body, "status": "partly", "aired_until_s": 60.0, "note": "Mất điện giữa buổi"}
    corrected = _ok(client.post("/asrun", json=fix), 201)
    log = _ok(client.get(f"/asrun?station={STATION}&{MONTH}"))
    assert len(log) == 1 and corrected["id"] == aired["id"]
    assert log[0]["status"] == "partly" and log[0]["note"] == "Mất điện giữa buổi"
    assert 0 < log[0]["aired_s"] <= 60.0 < aired["aired_s"]


def test_confirm_day_confirms_the_unconfirmed_sessions_of_that_day(client: TestClient) -> None:
    sessions = _programmed(client)
    monday = [s["playlist_id"] for s in sessions if s["day"] == "2020-10-05"]
    body = {"station_id": STATION, "playlist_id": monday[0], "status": "not_aired"}
    _ok(client.post("/asrun", json=body), 201)
    done = _ok(client.post("/asrun/day", json={"station_id": STATION, "day": "2020-10-05"}), 201)
    assert [r["playlist_id"] for r in done] == monday[1:] and done[0]["status"] == "aired"
    again = _ok(client.post("/asrun/day", json={"station_id": STATION, "day": "2020-10-05"}), 201)
    assert again == []
    log = {r["playlist_id"]: r["status"] for r in _ok(client.get(f"/asrun?station=1&{MONTH}"))}
    assert log == {monday[0]: "not_aired", monday[1]: "aired"}
    bad = client.post("/asrun/day", json={"station_id": STATION, "day": "hôm qua"})
    assert bad.status_code == 422 and bad.json()["field"] == "day"
    approver = client.post(
        "/asrun/day",
        json={"station_id": STATION, "day": "2020-10-06"},
        headers=client.approver_headers,  # type: ignore[attr-defined]
    )
    assert approver.status_code == 403  # approvers do not log what aired


def test_player_log_answers_matched_and_refused_lines(client: TestClient) -> None:
    _programmed(client)
    text = (
        "date,time,status,aired_seconds,note\n"
        "2020-10-05,06:30,aired,,\n"
        "2020-10-10,06:30,aired,,\n"
        "2020-10-06,17:00,partly,90,Loa khu 2 hỏng\n"
    )
    result = _ok(_upload(client, text), 201)
    assert result["matched"] == 2
    assert [r["day"] for r in result["confirmed"]] == ["2020-10-05", "2020-10-06"]
    assert result["refused"] == [
        {"line": 3, "reason": "chưa có danh sách phát ngày 10/10/2020 ở buổi này"}
    ]
    none = _upload(client, "date,time,status\n2020-10-10,06:30,aired\n")
    assert none.status_code == 422 and none.json()["field"] == "file"
    assert "dòng 2" in none.json()["detail"]
    assert len(_ok(client.get(f"/asrun?station={STATION}&{MONTH}"))) == 2


def test_a_session_that_has_not_started_is_refused(client: TestClient) -> None:
    soon = date.today() + timedelta(days=7)
    monday = (soon - timedelta(days=soon.weekday())).isoformat()
    future = _programmed(client, monday, monday)[0]
    body = {"station_id": STATION, "playlist_id": future["playlist_id"], "status": "aired"}
    response = client.post("/asrun", json=body)
    assert response.status_code == 422 and response.json()["field"] == "playlist_id"
    assert "chưa diễn ra" in response.json()["detail"]
    by_slot = client.post(
        "/asrun", json={"station_id": STATION, "day": monday, "slot": "06:30", "status": "aired"}
    )
    assert by_slot.status_code == 422 and by_slot.json()["field"] == "day"
    day = _ok(client.post("/asrun/day", json={"station_id": STATION, "day": monday}), 201)
    assert day == []
