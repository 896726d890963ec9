"""API of range programming, manual edits, the calendar, as-run, reports and the scheduler."""

from typing import Any

from fastapi.testclient import TestClient

from broadcast.campaigns import load_demo
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.jobs.runner import run_pending

from conftest import make_settings, open_client
from factories import approve


def _demo(client: TestClient) -> int:
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        return load_demo(db).id or 0


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_range_generation_then_edits_survive_and_answers_say_what_changed(
    client: TestClient,
) -> None:
    station = _demo(client)
    body = {"station_id": station, "from": "2020-10-05", "to": "2020-10-09"}
    first = _ok(client.post("/playlists/generate", json=body), 201)
    assert len(first["sessions"]) == 10 and first["changed"] == 10
    assert all(0 < s["fill_pct"] <= 100 for s in first["sessions"])
    again = _ok(client.post("/playlists/generate", json=body), 201)
    assert again["changed"] == 0 and again["unchanged"] == 10

    pid = first["sessions"][0]["playlist_id"]
    session = _ok(client.get(f"/playlists/{pid}"))
    removed = session["items"][2]["segment_id"]
    edited = _ok(client.delete(f"/playlists/{pid}/items/2"))
    assert removed not in [i["segment_id"] for i in edited["items"]]
    assert edited["removed_ids"] == [removed]
    moved = _ok(client.post(f"/playlists/{pid}/items/2/move", json={"to": 1}))
    assert moved["items"][1]["pinned"] is True
    regenerated = _ok(client.post(f"/playlists/{pid}/regenerate"))
    assert [i["segment_id"] for i in regenerated["items"]] == [
        i["segment_id"] for i in moved["items"]
    ]
    assert regenerated["changes"]["pinned"] == [moved["items"][1]["segment_id"]]
    locked = _ok(client.post(f"/playlists/{pid}/lock", json={"locked": True}))
    assert locked["locked"] is True
    day = _ok(client.post("/playlists/generate", json=body), 201)
    assert day["locked"] == 1 and day["sessions"][0]["changes"]["locked"] is True
    frozen = client.post(f"/playlists/{pid}/items", json={"segment_id": removed, "position": 3})
    assert frozen.status_code == 409 and frozen.json()["code"] == "session.locked"
    _ok(client.post(f"/playlists/{pid}/lock", json={"locked": False}))

    too_long = client.post(f"/playlists/{pid}/items", json={"segment_id": removed, "position": 99})
    assert too_long.status_code == 422 and too_long.json()["field"] == "position"
    inserted = _ok(
        client.post(f"/playlists/{pid}/items", json={"segment_id": removed, "position": 3}), 201
    )
    assert inserted["items"][3]["segment_id"] == removed and inserted["removed_ids"] == []


def test_generate_names_the_missing_or_wrong_field(client: TestClient) -> None:
    station = _demo(client)
    cases = [
        ({"station_id": station, "from": "2020-10-05"}, "to"),
        ({"station_id": station}, "day"),
        ({"station_id": station, "day": "2020-10-05"}, "slot_id"),
        ({"station_id": station, "from": "2020-10-09", "to": "2020-10-05"}, "to"),
        ({"station_id": 999, "from": "2020-10-05", "to": "2020-10-06"}, "station_id"),
    ]
    for body, field in cases:
        response = client.post("/playlists/generate", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["field"] == field


def test_calendar_asrun_report_and_chart(client: TestClient) -> None:
    station = _demo(client)
    body = {"station_id": station, "from": "2020-10-05", "to": "2020-10-16"}
    _ok(client.post("/playlists/generate", json=body), 201)
    view = _ok(
        client.get(f"/schedule?station={station}&from=2020-10-03&to=2020-10-16&today=2020-10-08")
    )
    sessions = [s for d in view["days"] for s in d["sessions"]]
    assert len(sessions) == 20 and {s["asrun"] for s in sessions} == {"unconfirmed"}
    kinds = {w["kind"] for w in view["warnings"]}
    assert "air_window_ends_soon" in kinds
    assert client.get("/schedule?from=2020-10-03&to=2020-10-16").status_code == 422

    first = sessions[0]["playlist_id"]
    row = _ok(
        client.post(
            "/asrun", json={"station_id": station, "playlist_id": first, "status": "aired"}
        ),
        201,
    )
    upload = "date,time,status,aired_seconds,note\n2020-10-05,17:00,partly,100,Mất điện\n"
    log = _ok(
        client.post(
            "/asrun/upload",
            data={"station_id": str(station)},
            files={"file": ("log.csv", upload.encode("utf-8"), "text/csv")},
        ),
        201,
    )
    assert log["matched"] == 1 and log["refused"] == []
    rows = log["confirmed"]
    bad = client.post("/asrun", json={"station_id": station, "status": "aired"})
    assert bad.status_code == 422 and bad.json()["field"] == "playlist_id"
    report = _ok(
        client.get(f"/reports/airtime?station={station}&from=2020-10-01&to=2020-10-31&by=event")
    )
    assert report["total"]["seconds"] == round(row["aired_s"] + rows[0]["aired_s"], 3)
    assert report["total"]["sessions_unconfirmed"] == 18
    csv = client.get(
        f"/reports/airtime?station={station}&from=2020-10-01&to=2020-10-31&by=week&format=csv"
    )
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "2020-W41" in csv.content.decode("utf-8-sig")
    chart = client.get(
        f"/reports/airtime/chart.svg?station={station}&from=2020-10-01&to=2020-10-31"
    )
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert chart.text.startswith("<svg") and "<rect" in chart.text
    assert (
        client.get(
            f"/reports/airtime?station={station}&from=2020-10-01&to=2020-10-31&by=x"
        ).status_code
        == 422
    )


def test_urgent_bulletin_goes_into_the_next_session_and_is_exported(client: TestClient) -> None:
    station = _demo(client)
    segment = _ok(
        client.post(
            "/segments",
            json={
                "station_id": station,
                "title": "Thông báo khẩn: bão số 5",
                "script": "Bão số 5 đang vào bờ, đề nghị bà con không ra khỏi nhà.",
                "bulletin_class": "emergency",
            },
        ),
        201,
    )
    approve(client, segment["id"])
    urgent = _ok(
        client.post("/schedule/urgent", json={"station_id": station, "segment_id": segment["id"]}),
        202,
    )
    session = _ok(client.get(f"/playlists/{urgent['playlist_id']}"))
    assert session["items"][1]["segment_id"] == segment["id"]
    assert session["items"][1]["reason"].startswith("Khẩn cấp")
    job = _ok(client.get(f"/jobs/{urgent['job_id']}"))
    assert job["kind"] == "export_playlist" and job["status"] == "queued"
    scheduler = _ok(client.get("/scheduler"))
    assert scheduler["enabled"] is False and scheduler["days_ahead"] == 7
    assert scheduler["stations"][0]["station_id"] == station


def test_segment_sequencing_rules_are_stored_and_checked(client: TestClient) -> None:
    station = _demo(client)
    base = {"station_id": station, "title": "Lịch tiêm chủng", "script": "Tiêm chủng sáng thứ Hai."}
    rules = {"weekdays": [2, 0, 0], "min_days_between": 2, "max_per_day": 1, "max_per_week": 3}
    made = _ok(
        client.post("/segments", json=base | rules | {"fixed_position": "after_opening"}), 201
    )
    assert made["weekdays"] == [0, 2] and made["fixed_position"] == "after_opening"
    patched = _ok(client.patch(f"/segments/{made['id']}", json={"allow_repeat": True}))
    assert patched["allow_repeat"] is True and patched["max_per_week"] == 3
    for bad, field in (({"weekdays": [7]}, "weekdays"), ({"max_per_day": 0}, "max_per_day")):
        response = client.post("/segments", json=base | bad)
        assert response.status_code == 422 and response.json()["field"] == field


def test_a_scheduler_pass_on_demand_runs_as_a_job(settings: Settings) -> None:
    demo = make_settings(settings.data_dir.parent / "pass", load_demo=True)
    with open_client(demo) as client:
        queued = client.post("/scheduler/run")
        assert queued.status_code == 202, queued.text
        assert queued.json()["kind"] == "scheduler_run" and queued.json()["status"] == "queued"
        assert run_pending(get_engine(demo.db_url), demo) == 1
        done = client.get(f"/jobs/{queued.json()['id']}").json()
        assert done["status"] == "succeeded", done["message"]
        assert [run["station_id"] for run in done["result"]["runs"]] == [1]
        assert client.get("/scheduler").json()["stations"][0]["station_id"] == 1
