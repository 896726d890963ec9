"""CRUD round-trips and error mapping through the ASGI app on a real SQLite file."""

from typing import Any

from fastapi.testclient import TestClient


def _create(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(path, json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def _station(client: TestClient) -> dict[str, Any]:
    return _create(client, "/stations", {"name": "Đài phường Láng Hạ", "locality": "Đống Đa"})


def _campaign(client: TestClient, station_id: int) -> dict[str, Any]:
    return _create(
        client,
        "/campaigns",
        {"station_id": station_id, "title": "Bầu cử 2021", "issued_on": "2021-01-05"},
    )


def test_station_round_trip(client: TestClient) -> None:
    station = _station(client)
    assert station["timezone"] == "Asia/Ho_Chi_Minh"
    assert station["target_lufs"] == -16.0
    patched = client.patch(f"/stations/{station['id']}", json={"target_lufs": -18.0})
    assert patched.status_code == 200
    assert patched.json()["target_lufs"] == -18.0
    assert client.get(f"/stations/{station['id']}").json()["name"] == "Đài phường Láng Hạ"
    assert [s["id"] for s in client.get("/stations").json()] == [station["id"]]
    assert client.delete(f"/stations/{station['id']}").status_code == 204
    gone = client.get(f"/stations/{station['id']}")
    assert gone.status_code == 404
    assert gone.json()["error"] == "not_found"


def test_campaign_event_phase_topic_slot_round_trip(client: TestClient) -> None:
    station = _station(client)
    campaign = _campaign(client, station["id"])
    event = _create(
        client,
        "/events",
        {
            "campaign_id": campaign["id"],
            "name": "Bầu cử Quốc hội khóa XV",
            "level": "national",
            "ordinal": 15,
            "starts_on": "2021-05-23",
            "ends_on": "2021-05-23",
        },
    )
    phase = _create(
        client,
        "/phases",
        {
            "campaign_id": campaign["id"],
            "event_id": event["id"],
            "title": "Trước bầu cử",
            "kind": "before",
            "starts_on": "2021-03-01",
            "ends_on": "2021-05-22",
            "peak_starts_on": "2021-05-10",
            "peak_ends_on": "2021-05-22",
            "weight": 1.5,
        },
    )
    topic = _create(client, "/topics", {"phase_id": phase["id"], "text": "Quyền bầu cử"})
    slot = _create(
        client,
        "/slots",
        {"station_id": station["id"], "name": "Sáng", "start": "06:30", "weekdays": [4, 0, 0]},
    )
    assert slot["weekdays"] == [0, 4]
    assert client.get(f"/phases?campaign_id={campaign['id']}").json()[0]["id"] == phase["id"]
    assert client.get(f"/topics?phase_id={phase['id']}").json()[0]["text"] == "Quyền bầu cử"
    assert client.get(f"/topics?phase_id={phase['id'] + 99}").json() == []
    assert client.get(f"/events?campaign_id={campaign['id']}").json()[0]["ordinal"] == 15
    renamed = client.patch(f"/topics/{topic['id']}", json={"text": "Quyền và nghĩa vụ bầu cử"})
    assert renamed.json()["text"] == "Quyền và nghĩa vụ bầu cử"


def test_error_shape_for_bad_dates_names_the_field(client: TestClient) -> None:
    campaign = _campaign(client, _station(client)["id"])
    response = client.post(
        "/phases",
        json={
            "campaign_id": campaign["id"],
            "title": "Sai",
            "starts_on": "2021-05-01",
            "ends_on": "2021-04-01",
        },
    )
    assert response.status_code == 422
    body = response.json()
    assert set(body) >= {"error", "detail"}
    assert body["field"] == "ends_on"
    assert "ends_on" in body["detail"]
    assert client.get(f"/phases?campaign_id={campaign['id']}").json() == []


def test_patch_that_breaks_a_window_keeps_the_stored_row(client: TestClient) -> None:
    campaign = _campaign(client, _station(client)["id"])
    phase = _create(
        client,
        "/phases",
        {
            "campaign_id": campaign["id"],
            "title": "Đúng",
            "starts_on": "2021-03-01",
            "ends_on": "2021-03-31",
        },
    )
    bad = client.patch(f"/phases/{phase['id']}", json={"ends_on": "2021-02-01"})
    assert bad.status_code == 422
    assert client.get(f"/phases/{phase['id']}").json()["ends_on"] == "2021-03-31"


def test_peak_outside_phase_is_refused(client: TestClient) -> None:
    campaign = _campaign(client, _station(client)["id"])
    response = client.post(
        "/phases",
        json={
            "campaign_id": campaign["id"],
            "title": "Cao điểm sai",
            "starts_on": "2021-03-01",
            "ends_on": "2021-03-31",
            "peak_starts_on": "2021-04-01",
            "peak_ends_on": "2021-04-05",
        },
    )
    assert response.status_code == 422
    assert response.json()["field"] == "peak_starts_on"


def test_unknown_reference_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/campaigns", json={"station_id": 4242, "title": "Mồ côi"})
    assert response.status_code == 422
    assert response.json()["field"] == "station_id"


def test_malformed_body_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/slots", json={"station_id": 1, "name": "X", "start": "25:99"})
    assert response.status_code == 422
    assert response.json()["field"] == "start"
    bad_days = client.post(
        "/slots", json={"station_id": 1, "name": "X", "start": "06:30", "weekdays": [7]}
    )
    assert bad_days.status_code == 422
    assert bad_days.json()["field"] == "weekdays"


def test_delete_of_a_station_in_use_is_a_conflict(client: TestClient) -> None:
    station = _station(client)
    _campaign(client, station["id"])
    response = client.delete(f"/stations/{station['id']}")
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert client.get(f"/stations/{station['id']}").status_code == 200


def test_unknown_route_and_id_are_json_404(client: TestClient) -> None:
    assert client.get("/nowhere").json()["error"] == "not_found"
    response = client.get("/segments/999")
    assert response.status_code == 404
    assert "999" in response.json()["detail"]
