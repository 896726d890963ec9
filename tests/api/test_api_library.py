"""The media library over HTTP: uploads with the reason of each refusal, search and kind
filters, where-used, replace (users back to review), delete only when unused, choosing a file
for the station or a segment, and the upload routes' body caps."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.body_guard import JSON_CAP, MB, cap_for
from audio._ffmpeg_gen import generate_tone
from broadcast.config import Settings

from conftest import make_settings, open_client
from factories import approve, post_json


def _tone(tmp_path: Path, name: str, freq: float, seconds: float = 1.0) -> bytes:
    path = tmp_path / name
    generate_tone(path, seconds=seconds, freq=freq)
    return path.read_bytes()


def _upload(
    client: TestClient, station_id: int, kind: str, name: str, content: bytes, title: str = ""
) -> Any:
    files = {"file": (name, content, "application/octet-stream")}
    data = {"station_id": str(station_id), "kind": kind, "title": title}
    return client.post("/library", files=files, data=data)


def _station(client: TestClient, name: str = "Đài phường Thử") -> int:
    return int(post_json(client, "/stations", {"name": name})["id"])


def test_uploads_are_listed_searched_and_filtered_and_refusals_name_the_file(
    client: TestClient, tmp_path: Path
) -> None:
    station = _station(client)
    jingle = _upload(client, station, "jingle", "nhac-hieu.wav", _tone(tmp_path, "a.wav", 440))
    assert jingle.status_code == 201, jingle.text
    body = jingle.json()
    assert (body["title"], body["kind"], body["used_by"]) == ("nhac-hieu", "jingle", [])
    assert abs(body["duration_s"] - 1.0) < 0.1 and body["integrated_lufs"] < -15
    assert "mức chuẩn của đài" in body["loudness_text"]
    bed = _upload(client, station, "bed", "x.mp3", _tone(tmp_path, "b.mp3", 330), "Nền êm dịu")
    assert bed.status_code == 201, bed.text
    refused = _upload(client, station, "jingle", "ghi-chu.mp3", b"khong phai am thanh" * 50)
    assert refused.status_code == 422
    assert refused.json()["field"] == "file"
    assert (
        "ghi-chu.mp3" in refused.json()["detail"]
        and "không giải mã được" in refused.json()["detail"]
    )
    again = _upload(client, station, "bed", "lai.wav", _tone(tmp_path, "a.wav", 440))
    assert again.status_code == 422 and again.json()["code"] == "library.duplicate"
    kinds = client.get("/library", params={"station_id": station, "kind": "bed"}).json()
    assert [row["title"] for row in kinds] == ["Nền êm dịu"]
    found = client.get("/library", params={"station_id": station, "q": "nen em"}).json()
    assert [row["id"] for row in found] == [bed.json()["id"]]
    assert len(client.get("/library", params={"station_id": station}).json()) == 2


def test_a_used_file_cannot_be_deleted_and_lists_its_users(
    client: TestClient, tmp_path: Path
) -> None:
    station = _station(client)
    item = _upload(client, station, "jingle", "nh.wav", _tone(tmp_path, "a.wav", 440)).json()
    chosen = client.patch(f"/stations/{station}", json={"jingle_asset_id": item["asset_id"]})
    assert chosen.status_code == 200, chosen.text
    refused = client.delete(f"/library/{item['id']}")
    assert refused.status_code == 409
    assert refused.json()["code"] == "library.in_use"
    assert refused.json()["users"] == [
        {"kind": "station_jingle", "id": station, "title": "Nhạc hiệu của đài", "status": None}
    ]
    shown = client.get(f"/library/{item['id']}").json()
    assert [use["kind"] for use in shown["used_by"]] == ["station_jingle"]
    client.patch(f"/stations/{station}", json={"jingle_asset_id": None})
    assert client.delete(f"/library/{item['id']}").status_code == 204
    assert client.get(f"/library/{item['id']}").status_code == 404


def test_replacing_a_file_sends_its_segments_back_to_review(
    client: TestClient, tmp_path: Path
) -> None:
    station = _station(client)
    item = _upload(client, station, "theme", "mo.wav", _tone(tmp_path, "a.wav", 440)).json()
    segment = post_json(
        client,
        "/segments",
        {"station_id": station, "title": "Mở đầu", "kind": "opening", "script": ""},
    )
    attached = client.post(f"/segments/{segment['id']}/library-audio", json={"item_id": item["id"]})
    assert attached.status_code == 200, attached.text
    assert attached.json()["audio_asset_id"] == item["asset_id"]
    assert approve(client, segment["id"])["status"] == "approved"
    new = {"file": ("mo-moi.wav", _tone(tmp_path, "b.wav", 660), "audio/wav")}
    replaced = client.post(f"/library/{item['id']}/replace", files=new)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["returned_segment_ids"] == [segment["id"]]
    new_asset = replaced.json()["item"]["asset_id"]
    after = client.get(f"/segments/{segment['id']}").json()
    assert (after["status"], after["audio_asset_id"]) == ("draft", new_asset)
    own = client.post(f"/segments/{segment['id']}/approve")  # the replacer: four eyes
    assert own.status_code == 403 and own.json()["code"] == "segment.own_approval"
    assert approve(client, segment["id"])["status"] == "approved"
    audio = client.get(f"/library/{item['id']}/audio")
    assert audio.status_code == 200 and audio.headers["content-type"].startswith("audio/")
    assert client.get(f"/assets/{new_asset}/waveform.svg").status_code == 200


def test_a_segment_takes_only_a_file_of_its_own_station(client: TestClient, tmp_path: Path) -> None:
    here, there = _station(client), _station(client, "Đài xã Bên Kia")
    theirs = _upload(client, there, "recording", "t.wav", _tone(tmp_path, "a.wav", 440)).json()
    segment = post_json(client, "/segments", {"station_id": here, "title": "Tin", "script": "A."})
    refused = client.post(
        f"/segments/{segment['id']}/library-audio", json={"item_id": theirs["id"]}
    )
    assert refused.status_code == 422 and refused.json()["field"] == "item_id"
    foreign_bed = client.patch(f"/stations/{here}", json={"bed_asset_id": theirs["asset_id"]})
    assert foreign_bed.status_code == 422 and foreign_bed.json()["field"] == "bed_asset_id"


def test_library_uploads_are_capped_like_segment_uploads(tmp_path: Path) -> None:
    settings: Settings = make_settings(tmp_path, max_upload_mb=1)
    assert cap_for("/library", settings) > MB and cap_for("/library/7/replace", settings) > MB
    assert cap_for("/library/7", settings) == JSON_CAP
    with open_client(settings) as client:
        station = _station(client)
        big = b"\0" * (2 * MB)
        answer = _upload(client, station, "jingle", "lon.wav", big)
        assert answer.status_code == 413
        assert (answer.json()["field"], answer.json()["code"]) == ("file", "body.too_large")
