"""POST /speech/preview: spans with their sources, unknown tokens, audio made by a job;
and a lexicon change reaching the speech of an approved segment at the next export."""

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from broadcast.jobs.runner import run_pending
from broadcast.models import Job, JobKind

from factories import approve, post_json


def _run_jobs(client: TestClient) -> int:
    app: Any = client.app
    return run_pending(app.state.engine, app.state.settings)


def _preview(client: TestClient, body: dict[str, Any]) -> Any:
    return post_json(client, "/speech/preview", body, 202)


def test_preview_spells_and_reports_an_unknown_acronym_in_a_headline(client: TestClient) -> None:
    body = _preview(client, {"text": "THÔNG BÁO CỦA TDP VỀ XYZ LẦN THỨ XV", "voice": "vi"})
    assert body["spoken"] == "thông báo của tổ dân phố về ích xì y dét lần thứ mười lăm"
    assert body["unknown"] == ["XYZ"]
    sources = {span["text"]: span["source"] for span in body["spans"]}
    assert sources["TDP"] == "lexicon" and sources["THÔNG"] == "text"
    assert sources["XV"] == "rule"


def test_preview_reports_sources_unknown_tokens_and_serves_audio(client: TestClient) -> None:
    station = post_json(client, "/stations", {"name": "Đài phường Quang Trung"})
    post_json(
        client, "/lexicon", {"written": "Zalo", "spoken": "da lô", "station_id": station["id"]}
    )
    text = "UBND phường nhắn Zalo về XYZ ngày 03/02/2020."
    body = _preview(client, {"text": text, "voice": "vi", "station_id": station["id"]})
    assert body["spoken"] == (
        "ủy ban nhân dân phường nhắn da lô về ích xì y dét "
        "ngày mùng ba tháng hai năm hai nghìn không trăm hai mươi"
    )
    sources = {span["text"]: span["source"] for span in body["spans"]}
    assert sources["UBND"] == "lexicon"
    assert sources["Zalo"] == "operator"
    assert sources["03/02/2020"] == "rule"
    assert sources["XYZ"] == "unknown"
    assert sources["phường"] == "text"
    assert body["unknown"] == ["XYZ"]
    assert body["audio_url"] == f"/speech/audio/{body['job_id']}.wav"
    waiting = client.get(body["audio_url"])
    assert waiting.status_code == 202  # not synthesised yet: the job, to poll
    assert waiting.json()["kind"] == "speech_preview" and waiting.json()["status"] == "queued"

    assert _run_jobs(client) == 1
    audio = client.get(body["audio_url"])
    assert audio.status_code == 200
    assert audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF" and len(audio.content) > 10_000
    job = client.get(f"/jobs/{body['job_id']}").json()
    assert job["status"] == "succeeded" and job["result"]["cache_hit"] is False

    again = _preview(client, {"text": text, "voice": "vi", "station_id": station["id"]})
    _run_jobs(client)
    assert client.get(f"/jobs/{again['job_id']}").json()["result"]["cache_hit"] is True
    assert client.get(again["audio_url"]).content == audio.content
    global_only = _preview(client, {"text": text, "voice": "vi"})
    assert "nhắn zalo" in global_only["spoken"]


def test_preview_refuses_bad_input_naming_the_field(client: TestClient) -> None:
    cases = [
        ({"text": "Xin chào", "voice": "khong-co"}, "voice"),
        ({"text": "Xin chào", "station_id": 999}, "station_id"),
        ({"text": "... !!!"}, "text"),
        ({"text": ""}, "text"),
    ]
    for body, field in cases:
        response = client.post("/speech/preview", json=body)
        assert response.status_code == 422, body
        assert response.json()["field"] == field
    # A path that names no job (not a number) is simply not a resource.
    assert client.get("/speech/audio/not-a-job.wav").status_code == 404
    assert client.get("/speech/audio/4242.wav").status_code == 404


def test_failed_preview_job_is_a_409_on_its_audio(client: TestClient) -> None:
    app: Any = client.app
    with Session(app.state.engine) as db:
        job = Job(kind=JobKind.SPEECH_PREVIEW, params={"text": "xin chào", "voice": "khong-co"})
        db.add(job)
        db.commit()
        job_id = job.id
    _run_jobs(client)
    response = client.get(f"/speech/audio/{job_id}.wav")
    assert response.status_code == 409
    assert str(job_id) in response.json()["detail"]


def _approved_in_playlist(client: TestClient, script: str) -> tuple[dict[str, Any], int]:
    station = post_json(client, "/stations", {"name": "Đài phường Quang Trung"})
    campaign = post_json(
        client, "/campaigns", {"station_id": station["id"], "title": "Chuyển đổi số"}
    )
    phase = post_json(
        client,
        "/phases",
        {
            "campaign_id": campaign["id"],
            "title": "Tháng mười",
            "starts_on": "2020-10-01",
            "ends_on": "2020-10-31",
        },
    )
    slot = post_json(
        client, "/slots", {"station_id": station["id"], "name": "Sáng", "start": "06:30"}
    )
    segment = post_json(
        client,
        "/segments",
        {
            "station_id": station["id"],
            "title": "Nhóm Zalo",
            "script": script,
            "phase_ids": [phase["id"]],
        },
    )
    approve(client, segment["id"])
    session = post_json(
        client,
        "/playlists/generate",
        {"station_id": station["id"], "day": "2020-10-05", "slot_id": slot["id"]},
    )
    return segment, int(session["id"])


def _export(client: TestClient, playlist_id: int) -> dict[str, Any]:
    job = post_json(client, f"/playlists/{playlist_id}/export", {}, status=202)
    _run_jobs(client)
    finished = client.get(f"/jobs/{job['id']}").json()
    assert finished["status"] == "succeeded", finished["message"]
    return dict(finished["result"])


def test_a_lexicon_change_returns_the_segment_to_review_then_airs_the_new_reading(
    client: TestClient,
) -> None:
    segment, playlist_id = _approved_in_playlist(client, "Mời bà con tham gia nhóm Zalo.")
    _run_jobs(client)  # the synthesis queued by approval
    before = client.get(f"/segments/{segment['id']}").json()
    assert before["spoken_text"] == "mời bà con tham gia nhóm zalo"
    assert before["speech_asset_id"] is not None
    assert _export(client, playlist_id)["synthesized"] == 0  # cached speech is reused

    entry = post_json(
        client,
        "/lexicon",
        {"written": "Zalo", "spoken": "da lô", "station_id": segment["station_id"]},
    )
    assert entry["returned_to_review"] == [{"id": segment["id"], "title": segment["title"]}]
    after = client.get(f"/segments/{segment['id']}").json()
    assert after["status"] == "draft"  # nobody has heard the new reading yet
    assert after["spoken_text"] == "mời bà con tham gia nhóm da lô"
    approve(client, segment["id"])  # queues the new reading's synthesis, as every approval does
    _export(client, playlist_id)
    exported = client.get(f"/segments/{segment['id']}").json()
    assert exported["speech_asset_id"] not in (None, before["speech_asset_id"])
