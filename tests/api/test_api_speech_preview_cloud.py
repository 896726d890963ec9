"""A preview with a cloud voice: it needs a station (its budget), and without the key it is
spoken by the offline voice, which the job's result says."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from broadcast.jobs.runner import run_pending

from factories import post_json


def _station(client: TestClient) -> int:
    return int(post_json(client, "/stations", {"name": "Đài có mạng"})["id"])


def test_a_cloud_voice_preview_needs_a_station(client: TestClient) -> None:
    response = client.post("/speech/preview", json={"text": "xin chào", "voice": "azure-vi-hoaimy"})
    assert response.status_code == 422
    assert response.json()["field"] == "station_id"


def test_without_its_key_the_preview_is_spoken_offline_and_says_so(client: TestClient) -> None:
    body = {"text": "Xin chào bà con.", "voice": "google-vi-nu", "station_id": _station(client)}
    preview = post_json(client, "/speech/preview", body, 202)
    app: Any = client.app
    assert run_pending(app.state.engine, app.state.settings) == 1
    job = client.get(f"/jobs/{preview['job_id']}").json()
    assert job["status"] == "succeeded"
    assert (job["result"]["engine"], job["result"]["fallback"]) == ("espeak", True)
    assert client.get(preview["audio_url"]).status_code == 200
