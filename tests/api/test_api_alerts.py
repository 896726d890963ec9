"""Emergency alerts over HTTP: approving an emergency bulletin sends it to the station's
devices with its MP3 (ETag, Range); explicit alerts are checked (an approved emergency of the
station, zones its devices have); zones target devices; another station's device sees nothing;
ending an alert takes it off the devices' list and the event stream reports the end."""

import hashlib
from typing import Any

from fastapi.testclient import TestClient

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from factories import add_user, approve, approved_emergency, bearer, post_json


def _station(client: TestClient, name: str) -> int:
    return int(post_json(client, "/stations", {"name": name})["id"])


def _device(client: TestClient, station_id: int, name: str, zone: str) -> dict[str, str]:
    body = {"station_id": station_id, "name": name, "kind": "ip_receiver", "zone": zone}
    return bearer(post_json(client, "/devices", body)["token"])


def _alerts(client: TestClient, device: dict[str, str]) -> list[dict[str, Any]]:
    answer = client.get("/player/v1/alerts", headers=device)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["alerts"])


def test_approving_an_emergency_sends_it_with_its_mp3(client: TestClient) -> None:
    station = _station(client, "Đài phường Một")
    device = _device(client, station, "Cụm loa chợ", "Tổ 1")
    segment = approved_emergency(client, station, "Cảnh báo lũ")
    [message] = _alerts(client, device)
    assert message["kind"] == "emergency" and message["title"] == "Cảnh báo lũ"
    assert message["zones"] == [] and message["resume"] is True
    assert message["stream_url"] is None
    audio = message["audio"]
    assert audio["url"] == f"/player/v1/alerts/{message['alert_id']}/audio"
    assert 1.0 < audio["duration_s"] < 30.0
    whole = client.get(audio["url"], headers=device)
    assert whole.status_code == 200, whole.text
    assert whole.headers["content-type"] == "audio/mpeg"
    assert whole.headers["etag"] == f'"{audio["sha256"]}"'
    assert hashlib.sha256(whole.content).hexdigest() == audio["sha256"]
    assert len(whole.content) == audio["size"]
    rest = client.get(audio["url"], headers={**device, "Range": "bytes=100-"})
    assert rest.status_code == 206 and rest.content == whole.content[100:]
    listed = client.get("/alerts", params={"station_id": station}).json()
    assert [(a["segment_id"], a["active"]) for a in listed] == [(segment, True)]
    audit = client.get("/audit", params={"entity": "alert"}).json()
    assert any(e["action"] == "send_alert" for e in audit), audit


def test_an_alert_needs_an_approved_emergency_and_known_zones(client: TestClient) -> None:
    station = _station(client, "Đài phường Một")
    _device(client, station, "Cụm loa chợ", "Tổ 1")
    normal = post_json(client, "/segments", {"station_id": station, "title": "Tin", "script": "A."})
    draft = post_json(
        client,
        "/segments",
        {"station_id": station, "title": "Khẩn", "script": "B.", "bulletin_class": "emergency"},
    )
    urgent = approved_emergency(client, station, "Cảnh báo bão")
    for body, field in (
        ({"segment_id": normal["id"]}, "segment_id"),
        ({"segment_id": draft["id"]}, "segment_id"),
        ({}, "segment_id"),
        ({"segment_id": urgent, "zones": ["Tổ 9"]}, "zones"),
        ({"kind": "live", "segment_id": urgent}, "segment_id"),
    ):
        refused = client.post("/alerts", json={"station_id": station, **body})
        assert refused.status_code == 422, refused.text
        assert refused.json()["field"] == field, refused.text
    sent = post_json(
        client, "/alerts", {"station_id": station, "segment_id": urgent, "zones": ["Tổ 1"]}
    )
    assert sent["zones"] == ["Tổ 1"] and sent["active"] is True and sent["audio_size"] > 0


def test_zones_choose_the_devices_and_other_stations_see_nothing(client: TestClient) -> None:
    station = _station(client, "Đài phường Một")
    other = _station(client, "Đài xã Bên Kia")
    market = _device(client, station, "Cụm loa chợ", "Tổ 1")
    school = _device(client, station, "Cụm loa trường", "Tổ 2")
    stranger = _device(client, other, "Cụm loa xã", "Tổ 1")
    urgent = approved_emergency(client, station, "Cảnh báo lũ")
    first = _alerts(client, market)[0]["alert_id"]
    body = {"station_id": station, "segment_id": urgent, "zones": ["Tổ 2"], "resume": False}
    only_school = post_json(client, "/alerts", body)["id"]
    assert [a["alert_id"] for a in _alerts(client, market)] == [first]
    assert [a["alert_id"] for a in _alerts(client, school)] == [first, only_school]
    assert _alerts(client, stranger) == []
    for alert_id in (first, only_school):
        hidden = client.get(f"/player/v1/alerts/{alert_id}/audio", headers=stranger)
        assert hidden.status_code == 404, hidden.text
    other_zone = client.get(f"/player/v1/alerts/{only_school}/audio", headers=market)
    assert other_zone.status_code == 404, other_zone.text


def test_ending_an_alert_takes_it_off_and_the_stream_says_end(client: TestClient) -> None:
    station = _station(client, "Đài phường Một")
    device = _device(client, station, "Cụm loa chợ", "Tổ 1")
    approved_emergency(client, station, "Cảnh báo lũ")
    [message] = _alerts(client, device)
    alert_id = message["alert_id"]
    once = client.get("/player/v1/events", params={"max_s": 0}, headers=device)
    assert once.status_code == 200 and once.headers["content-type"].startswith("text/event-stream")
    assert "event: hello" in once.text and f"id: {alert_id}\nevent: alert" in once.text
    ended = client.post(f"/alerts/{alert_id}/end")
    assert ended.status_code == 200 and ended.json()["active"] is False
    again = client.post(f"/alerts/{alert_id}/end")
    assert again.status_code == 409, again.text
    assert _alerts(client, device) == []
    resumed = {**device, "Last-Event-ID": str(alert_id)}
    after = client.get("/player/v1/events", params={"max_s": 0}, headers=resumed)
    assert f'event: end\ndata: {{"alert_id": {alert_id}}}' in after.text
    assert "event: alert" not in after.text


def test_an_approver_sends_alerts_an_editor_may_not(client: TestClient) -> None:
    station = _station(client, "Đài phường Một")
    urgent = approved_emergency(client, station, "Cảnh báo lũ")
    engine = get_engine(client.app.state.settings.db_url)  # type: ignore[attr-defined]
    editor = bearer(add_user(engine, "bien-tap", Role.EDITOR, station)[1])
    body = {"station_id": station, "segment_id": urgent}
    refused = client.post("/alerts", json=body, headers=editor)
    assert refused.status_code == 403, refused.text
    sent = client.post("/alerts", json=body, headers=client.approver_headers)  # type: ignore[attr-defined]
    assert sent.status_code == 201, sent.text
    assert client.get("/alerts", headers=editor).status_code == 200


def test_a_reapproval_after_a_pronunciation_change_does_not_send_it_again(
    client: TestClient,
) -> None:
    station = _station(client, "Đài phường Một")
    device = _device(client, station, "Cụm loa chợ", "Tổ 1")
    body = {"station_id": station, "title": "Cảnh báo lũ", "bulletin_class": "emergency",
            "script": "Bà con theo dõi thông báo trên Zalo của phường."}  # fmt: skip
    segment = post_json(client, "/segments", body)["id"]
    approve(client, segment)
    [first] = _alerts(client, device)
    post_json(client, "/lexicon", {"written": "Zalo", "spoken": "da lô", "station_id": station})
    returned = client.get("/segments", params={"station_id": station, "lexicon_returned": True})
    assert [s["id"] for s in returned.json()] == [segment]
    ids = {"ids": [segment]}
    again = client.post("/segments/approve", json=ids, headers=client.approver_headers)
    assert again.status_code == 200 and again.json()["approved"] == [segment], again.text
    assert [a["alert_id"] for a in _alerts(client, device)] == [first["alert_id"]]
    edited = client.patch(f"/segments/{segment}", json={"script": "Nước đã rút, bà con yên tâm."})
    assert edited.status_code == 200, edited.text
    approve(client, segment)  # new words: on air again
    assert len(_alerts(client, device)) == 2
