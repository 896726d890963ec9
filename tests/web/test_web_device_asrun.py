"""What devices played, on the pages: the session page lists the devices that played it (name,
zone, outcome, time played, when on the station's clock); Thiết bị shows each device's last
as-run; Xác nhận phát sóng shows a session confirmed by devices as such."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import web_app
from web_schedule_helpers import elements, generate, one

from conftest import make_settings
from factories import bearer


def _device(client: TestClient, name: str, zone: str) -> dict[str, str]:
    body = {"station_id": 1, "name": name, "kind": "ip_receiver", "zone": zone}
    made = client.post("/devices", json=body)
    assert made.status_code == 201, made.text
    return {"id": made.json()["id"], **bearer(made.json()["token"])}


def _send(client: TestClient, device: dict[str, str], *reports: dict[str, Any]) -> None:
    headers = {"Authorization": device["Authorization"]}
    sent = client.post("/player/v1/asrun", json={"reports": list(reports)}, headers=headers)
    assert sent.status_code == 200, sent.text


def _session(uid: str, session_id: int | None, **changes: Any) -> dict[str, Any]:
    return {
        "id": uid,
        "kind": "session",
        "session_id": session_id,
        "started_at": "2020-10-04T23:30:00Z",  # 06:30 in Hà Nội
        "ended_at": "2020-10-04T23:40:00Z",
        "outcome": "completed",
        "played_s": 600.0,
    } | changes


def test_pages_show_what_the_devices_played(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        sessions = [
            s["playlist_id"] for s in generate(client, "2020-10-05", "2020-10-05")["sessions"]
        ]
        first, second = sessions[:2]
        market = _device(client, "Cụm loa chợ", "Tổ dân phố 3")
        temple = _device(client, "Cụm loa đình", "Thôn Đông")
        _device(client, "Cụm loa trường", "")  # never reports
        item = _session("item-0-0001", first, kind="item", position=0, played_s=30.0)
        _send(client, market, item, _session("session-0001", first))
        cut = {"outcome": "interrupted", "reason": "emergency", "played_s": 95.0}
        cut |= {"started_at": "2020-10-04T23:31:00Z", "ended_at": "2020-10-04T23:32:35Z"}
        _send(client, temple, _session("session-0002", first, **cut))
        alert = {"kind": "alert", "alert_id": 7, "played_s": 40.0}
        alert |= {"started_at": "2020-10-05T01:00:00Z", "ended_at": "2020-10-05T01:00:40Z"}
        _send(client, market, _session("alert-00001", None, **alert))
        played = client.get(f"/lich-phat/{first}").text
        nobody = client.get(f"/lich-phat/{second}").text
        devices = client.get("/thiet-bi?station=1").text
        asrun = client.get("/xac-nhan-phat?station=1&from=2020-10-05&to=2020-10-05").text
        detail = client.get(f"/thiet-bi/{temple['id']}").text
    rows = elements(played, data_testid="played-row")
    assert [(r["data-device-id"], r["data-outcome"]) for r in rows] == [
        (str(market["id"]), "completed"),
        (str(temple["id"]), "interrupted"),
    ]
    section = played.split('id="played"', 1)[1].split("</section>", 1)[0]
    assert "Cụm loa chợ" in section and "Tổ dân phố 3" in section and "Thôn Đông" in section
    assert "Phát trọn" in section and "Bị ngắt (tin khẩn cấp chen vào)" in section
    assert "10:00" in section and "(1 mục)" in section and "1:35" in section
    assert "05/10/2020 06:30:00" in section and "05/10/2020 06:31:00" in section  # station clock
    assert 'id="played-empty"' in nobody
    last = {c.get("data-kind"): c for c in elements(devices, data_testid="device-last-asrun")}
    assert last["alert"]["data-outcome"] == "completed"
    assert last["session"]["data-outcome"] == "interrupted"
    assert None in last  # the device that never reported
    table = devices.split('id="device-table"', 1)[1]
    assert "Tin khẩn cấp số 7" in table and "lúc 05/10/2020 08:00:40" in table
    assert f'<a href="/lich-phat/{first}">Buổi 06:30 ngày 05/10/2020</a>' in table
    assert "lúc 05/10/2020 06:32:35" in table and "chưa báo" in table
    shown = detail.split('data-testid="device-last-asrun"', 1)[1].split("</dd>", 1)[0]
    assert "Buổi 06:30 ngày 05/10/2020" in shown and "Bị ngắt" in shown
    mine = one(asrun, id=f"asrun-{first}")
    assert mine["data-status"] == "aired"
    assert asrun.count('data-testid="asrun-by-devices"') == 1
