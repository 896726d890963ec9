"""Exporting from the session page, the Xuất file page, and listening to the session MP3."""

from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app
from web_schedule_helpers import EVENING, MORNING, elements, one, press

from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.jobs.runner import run_pending
from broadcast.models.accounts import Role

from conftest import make_settings


def _session(client: TestClient, slot_id: int, keep: int) -> dict[str, object]:
    """A demo session of 05/10/2020 cut down to its ``keep`` shortest items (quick to render)."""
    made = client.post(
        "/playlists/generate", json={"station_id": 1, "day": "2020-10-05", "slot_id": slot_id}
    )
    assert made.status_code == 201, made.text
    session = made.json()
    kept = sorted(session["items"], key=lambda i: i["duration_s"])[:keep]
    for item in reversed(session["items"]):
        if item not in kept:
            response = client.delete(f"/playlists/{session['id']}/items/{item['position']}")
            assert response.status_code == 200, response.text
    return dict(client.get(f"/playlists/{session['id']}").json())


def test_export_shows_progress_then_the_player_and_downloads(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as client:
        pid = _session(client, MORNING, keep=1)["id"]
        queued = press(client, one(client.get(f"/lich-phat/{pid}").text, id="export-button"))
        assert queued.status_code == 202, queued.text
        job_id = queued.json()["id"]
        running = client.get(f"/lich-phat/{pid}").text
        listing = client.get("/xuat-file").text
        run_pending(get_engine(settings.db_url), settings)
        done = client.get(f"/lich-phat/{pid}").text
        after = client.get("/xuat-file").text
        export_id = client.get(f"/jobs/{job_id}").json()["result"]["export_id"]
        audio = client.get(f"/exports/{export_id}/audio.mp3")
        part = client.get(f"/exports/{export_id}/audio.mp3", headers={"Range": "bytes=0-99"})
        viewer = browser_as(client, settings, "xem", Role.VIEWER)
        heard = viewer.get(f"/exports/{export_id}/audio.mp3")
        missing = client.get("/exports/999/audio.mp3")
    box = one(running, data_testid="export-progress")
    assert one(running, data_job=str(job_id))["data-status"] == "queued"
    assert "data-reload-on-done" in box and "disabled" in one(running, id="export-button")
    assert one(listing, id=f"job-{job_id}")["data-status"] == "queued"
    assert elements(listing, data_job=str(job_id))  # live progress bar on Xuất file too
    assert one(done, id="session-audio")["src"] == f"/exports/{export_id}/audio.mp3"
    player = done.split("data-waveplayer")[1].split("</audio>")[0]  # seek on the waveform
    assert 'id="session-waveform"' in player and f"/exports/{export_id}/audio.mp3" in player
    assert 'role="slider"' in player and "data-waveplayer" not in running
    assert one(done, id="download-zip")["href"] == f"/exports/{export_id}/download"
    assert "Đã xuất" in done and "data-reload-on-done" not in one(done, id="export-progress")
    finished = one(done, data_job=str(job_id))
    assert finished["data-status"] == "succeeded"
    assert one(done, tag="progress")["value"] == "100"
    row = after.split(f'id="job-{job_id}"')[1].split("</tr>")[0]
    assert f'href="/exports/{export_id}/audio.mp3"' in row
    assert f'href="/exports/{export_id}/download"' in row and "Xong" in row
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.headers["content-disposition"].startswith("inline")
    assert audio.content[:3] == b"ID3" or audio.content[0] == 0xFF
    assert len(audio.content) > 20_000  # about a minute of 128 kb/s speech
    assert part.status_code == 206 and part.content == audio.content[:100]
    assert heard.status_code == 200 and heard.content == audio.content
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_failed_exports_are_explained_in_vietnamese(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as client:
        pid = _session(client, EVENING, keep=0)["id"]
        empty = client.post(f"/playlists/{pid}/export")
        page = client.get("/xuat-file").text
        week = press(client, one(page, data_testid="bundle-week"))
        run_pending(get_engine(settings.db_url), settings)
        session_page = client.get(f"/lich-phat/{pid}").text
        page = client.get("/xuat-file").text
    assert empty.status_code == 202 and week.status_code == 202, week.text
    assert not elements(session_page, id="export-button")  # nothing to export
    assert "không có mục nào để xuất" in one_text(session_page, "export-error")
    rows = elements(page, data_testid="job-row")
    assert [r["data-status"] for r in rows] == ["failed", "failed"]
    assert [r["data-kind"] for r in rows] == ["export_bundle", "export_playlist"]
    bundle_row = page.split(f'id="job-{week.json()["id"]}"')[1].split("</tr>")[0]
    assert "hãy lập lịch trước" in bundle_row  # the job's own message
    assert "Khoảng ngày đã chọn chưa có buổi phát nào" in bundle_row  # and what to do
    session_row = page.split(f'id="job-{empty.json()["id"]}"')[1].split("</tr>")[0]
    assert "Buổi phát chưa có chuyên mục nào" in session_row
    assert "download" not in session_row and "download" not in bundle_row


def one_text(html: str, element_id: str) -> str:
    """The HTML inside the element with this id (up to its first closing div)."""
    return html.split(f' id="{element_id}"')[1].split("</div>")[0]


def test_exports_page_bundle_form_by_role(settings: Settings) -> None:
    with web_app(settings) as client:
        station = client.post("/stations", json={"name": "Đài xã Thử"}).json()
        page = client.get(f"/xuat-file?station={station['id']}")
        too_long = client.post(
            "/exports/bundle",
            json={"station_id": station["id"], "from": "2020-10-01", "to": "2020-10-20"},
        )
        viewer = browser_as(client, settings, "xem", Role.VIEWER)
        seen = viewer.get(f"/xuat-file?station={station['id']}")
    assert page.status_code == 200 and "Chưa có lần xuất nào" in page.text
    form = one(page.text, id="bundle-form")
    assert form["data-api"] == "/exports/bundle"
    for name in ("from", "to", "profiles"):
        assert elements(page.text, data_error_for=name), name
    assert one(page.text, name="station_id")["value"] == str(station["id"])
    assert too_long.status_code == 422 and too_long.json()["field"] == "to"
    assert seen.status_code == 200 and "Các lần xuất" in seen.text
    assert not elements(seen.text, id="bundle-form")
