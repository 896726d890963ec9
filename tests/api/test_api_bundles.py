"""POST /exports/bundle: a week's bundle for card players through the API, as a job."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from broadcast.config import Settings
from broadcast.jobs.runner import run_pending

from factories import approve, post_json

SCRIPTS = ["Thông báo lịch tiêm chủng cho trẻ em.", "Lịch cắt điện khu phố ba ngày mai."]


def _station(client: TestClient) -> dict[str, Any]:
    station = post_json(
        client,
        "/stations",
        {"name": "Đài phường Quang Trung", "output_profiles": ["mp3-64k-mono-22050"]},
    )
    campaign = post_json(client, "/campaigns", {"station_id": station["id"], "title": "Đại hội"})
    phase = post_json(
        client,
        "/phases",
        {
            "campaign_id": campaign["id"],
            "title": "Trước",
            "starts_on": "2020-10-01",
            "ends_on": "2020-10-31",
        },
    )
    post_json(
        client,
        "/slots",
        {
            "station_id": station["id"],
            "name": "Sáng",
            "start": "06:30",
            "max_seconds": 300,
            "weekdays": [0, 1],
        },
    )
    for i, script in enumerate(SCRIPTS):
        segment = post_json(
            client,
            "/segments",
            {
                "station_id": station["id"],
                "title": f"Tin {i}",
                "script": script,
                "phase_ids": [phase["id"]],
            },
        )
        approve(client, segment["id"])
    body = {"station_id": station["id"], "from": "2020-10-05", "to": "2020-10-11"}
    client.post("/playlists/generate", json=body).raise_for_status()
    return station


def test_week_bundle_job_and_download(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    station = _station(client)
    body = {"station_id": station["id"], "from": "2020-10-05", "to": "2020-10-11"}
    job = post_json(client, "/exports/bundle", body, status=202)
    run_pending(engine, settings)
    finished = client.get(f"/jobs/{job['id']}").json()
    assert finished["status"] == "succeeded", finished
    response = client.get(f"/exports/bundle/{job['id']}/download")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        rows = list(csv.DictReader(io.StringIO(zf.read("schedule.csv").decode())))
    assert manifest["profiles"] == ["mp3-64k-mono-22050"]
    assert [s["folder"] for s in manifest["sessions"]] == [
        "2020-10-05/0630-sang",
        "2020-10-06/0630-sang",
    ]
    assert [r["file"] for r in rows] == [s["file"] for s in manifest["sessions"]]
    assert all(r["file"] in names for r in rows)
    assert "DOC-TRUOC.txt" in names


def test_bad_bundle_requests_are_refused(client: TestClient) -> None:
    station = post_json(client, "/stations", {"name": "Đài"})
    cases = [
        ({"station_id": station["id"], "from": "2020-10-05", "to": "2020-10-20"}, 422, "to"),
        ({"station_id": station["id"], "from": "2020-10-05", "to": "2020-10-01"}, 422, "to"),
        (
            {
                "station_id": station["id"],
                "from": "2020-10-05",
                "to": "2020-10-06",
                "profiles": ["mp3-999k"],
            },
            422,
            "profiles",
        ),
        ({"station_id": 999, "from": "2020-10-05", "to": "2020-10-06"}, 404, None),
    ]
    for body, status, field in cases:
        response = client.post("/exports/bundle", json=body)
        assert response.status_code == status, response.text
        if field:
            assert response.json()["field"] == field
    bad = client.patch(f"/stations/{station['id']}", json={"processing_preset": "loud"})
    assert bad.status_code == 422
    ok = client.patch(f"/stations/{station['id']}", json={"processing_preset": "indoor_fm"})
    assert ok.status_code == 200 and ok.json()["processing_preset"] == "indoor_fm"
